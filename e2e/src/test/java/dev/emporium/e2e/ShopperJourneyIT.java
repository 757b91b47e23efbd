package dev.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.testing.TestResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shopper's journey through the gateway, against the whole platform: accounts and tokens,
 * the catalogue (cached by the gateway), the cart, the aggregated home page, and orders that run
 * the saga to COMPLETED or CANCELLED with compensation.
 */
class ShopperJourneyIT {

  static RunningPlatform running;
  static Catalogue catalogue;
  static int gateway;

  @BeforeAll
  static void platform() {
    running = RunningPlatform.get();
    gateway = running.gatewayPort();
    catalogue = Catalogue.asAdmin(running);
  }

  @Test
  void registersSignsInAndRotatesRefreshTokens() {
    Shopper shopper = Shopper.register(gateway, "Ada");
    String firstRefresh = shopper.refreshToken;

    assertThat(shopper.refresh()).isEqualTo(200);
    assertThat(shopper.refreshToken).isNotEqualTo(firstRefresh);
    TestResponse me = shopper.api().get("/api/users/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("email").asString()).isEqualTo(shopper.email);

    shopper.refreshToken = firstRefresh;
    assertThat(shopper.refresh()).as("a refresh token is single use").isNotEqualTo(200);
  }

  @Test
  void aWebAppSignsItsShopperInThroughTheGatewayWithPkce() {
    Shopper shopper = Shopper.register(gateway, "Grace");
    String tokenFromPasswordLogin = shopper.accessToken;

    shopper.signInThroughTheBrowser(RunningPlatform.WEB_CLIENT, RunningPlatform.WEB_CALLBACK);

    assertThat(shopper.accessToken).isNotEqualTo(tokenFromPasswordLogin);
    TestResponse me = shopper.api().get("/api/users/me");
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().get("id").asString()).isEqualTo(shopper.userId);
    assertThat(shopper.refresh()).isEqualTo(200);
  }

  @Test
  void browsesTheCatalogueAndTheSecondReadComesFromTheGatewayCache() {
    String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
    String id = catalogue.product("Lamp " + word, "home-office", "24.50", 5);
    Shopper shopper = Shopper.register(gateway, "Grace");

    TestResponse search = shopper.api().get("/api/products?q=" + word);
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.json().get("items").valueStream().map(p -> p.get("id").asString())).contains(id);

    TestResponse first = shopper.api().get("/api/products/" + id);
    TestResponse second = shopper.api().get("/api/products/" + id);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("X-Cache")).isEqualTo("MISS");
    assertThat(second.header("X-Cache")).isEqualTo("HIT");
    assertThat(second.json().get("name").asString()).isEqualTo("Lamp " + word);
  }

  @Test
  void fillsTheCartAndReadsTheAggregatedHomePage() {
    String id = catalogue.product("Teapot " + UUID.randomUUID(), "kitchen", "31.00", 5);
    Shopper shopper = Shopper.register(gateway, "Linus");

    TestResponse added = shopper.api().post("/api/cart/items", Map.of("productId", id, "quantity", 2));
    assertThat(added.status()).as("%s", added).isBetween(200, 201);
    TestResponse home = shopper.api().get("/api/storefront/home");

    assertThat(home.status()).as("%s", home).isEqualTo(200);
    JsonNode page = home.json();
    assertThat(page.get("featured").isArray()).isTrue();
    assertThat(page.get("recommendations").isArray()).isTrue();
    assertThat(page.get("cart").get("items").valueStream().map(i -> i.get("productId").asString())).containsExactly(id);
  }

  @Test
  void refusesProtectedCallsWithoutAToken() {
    TestResponse orders = Shopper.anonymous(gateway).get("/api/orders");

    assertThat(orders.status()).isEqualTo(401);
    assertThat(orders.contentType()).startsWith("application/problem+json");
    assertThat(orders.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void answers429WithRetryAfterPastThePerUserLimit() {
    String id = catalogue.product("Mug " + UUID.randomUUID(), "kitchen", "9.00", 0);
    Shopper shopper = Shopper.register(gateway, "Barbara");
    int admitted = 0;
    TestResponse refused = null;
    long begin = System.nanoTime();
    for (int i = 0; i < 1100 && refused == null; i++) {
      TestResponse response = shopper.api().get("/api/products/" + id);
      if (response.status() == 429) {
        refused = response;
      } else {
        assertThat(response.status()).isEqualTo(200);
        admitted++;
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    assertThat(refused).as("a 429 within 1100 requests").isNotNull();
    // The bucket holds 1000 and refills at 1000 a minute while the loop runs.
    assertThat(admitted).isBetween(1000, 1000 + (int) Math.ceil(seconds * 1000 / 60));
    assertThat(refused.header("Retry-After")).isNotBlank();
    assertThat(refused.contentType()).startsWith("application/problem+json");
  }

  @Test
  void anOrderPaidByAnApprovedCardReachesCompletedWithItsTimeline() {
    String id = catalogue.product("Kettle " + UUID.randomUUID(), "kitchen", "40.00", 10);
    Shopper shopper = Shopper.register(gateway, "Edsger");

    TestResponse placed = placeOrder(shopper, id, 2, "tok_visa");
    assertThat(placed.status()).as("%s", placed).isEqualTo(201);
    assertThat(placed.json().get("status").asString()).isEqualTo("PENDING");
    assertThat(placed.header("Location")).endsWith("/api/orders/" + placed.json().get("id").asString());

    JsonNode order = awaitTerminal(shopper, placed.json().get("id").asString());
    assertThat(order.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(order.get("total").get("amount").decimalValue()).isEqualByComparingTo("80.00");
    // Payment, inventory and shipping publish on their own topics, so the order service may read
    // one step's outcome before an earlier step's: only "created" first and "completed" right
    // after the shipment are fixed.
    List<String> steps = order.get("timeline").valueStream().map(step -> step.get("step").asString()).toList();
    assertThat(steps).first().isEqualTo("created");
    assertThat(steps).containsExactlyInAnyOrder(
        "created", "payment-processed", "inventory-reserved", "shipment-created", "completed");
    assertThat(steps).containsSequence("shipment-created", "completed");
  }

  @Test
  void aDeclinedCardCancelsTheOrder() {
    String id = catalogue.product("Whisk " + UUID.randomUUID(), "kitchen", "7.00", 10);
    Shopper shopper = Shopper.register(gateway, "Tony");

    TestResponse placed = placeOrder(shopper, id, 1, "tok_chargeDeclined");
    JsonNode order = awaitTerminal(shopper, placed.json().get("id").asString());

    assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(order.get("cancellationReason").asString()).isEqualTo("payment-declined");
  }

  @Test
  void anOrderBeyondTheStockIsCancelledAndItsPaymentRefunded() {
    String id = catalogue.product("Tent " + UUID.randomUUID(), "outdoor", "120.00", 1);
    Shopper shopper = Shopper.register(gateway, "Frances");

    TestResponse placed = placeOrder(shopper, id, 3, "tok_visa");
    String orderId = placed.json().get("id").asString();
    JsonNode order = awaitTerminal(shopper, orderId);

    assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(order.get("cancellationReason").asString()).isEqualTo("insufficient-stock");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode payment = shopper.api().get("/api/payments/" + orderId).json();
      assertThat(payment.get("status").asString()).isEqualToIgnoringCase("REFUNDED");
    });
  }

  @Test
  void aShopperCannotReadAnotherShoppersOrder() {
    String id = catalogue.product("Atlas " + UUID.randomUUID(), "books", "30.00", 5);
    Shopper owner = Shopper.register(gateway, "Barbara");
    Shopper other = Shopper.register(gateway, "Niklaus");
    String orderId = placeOrder(owner, id, 1, "tok_visa").json().get("id").asString();

    assertThat(other.api().get("/api/orders/" + orderId).status()).isEqualTo(404);
    assertThat(owner.api().get("/api/orders/" + orderId).status()).isEqualTo(200);
  }

  @Test
  void fiftyConcurrentOrdersForTheLastTenUnitsCompleteExactlyTen() throws Exception {
    String id = catalogue.product("Lantern " + UUID.randomUUID(), "outdoor", "15.00", 10);
    List<Shopper> shoppers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      shoppers.add(Shopper.register(gateway, "Buyer"));
    }
    List<String> orders = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<TestResponse>> placed = new ArrayList<>();
      for (Shopper shopper : shoppers) {
        placed.add(pool.submit(() -> placeOrder(shopper, id, 1, "tok_visa")));
      }
      for (Future<TestResponse> response : placed) {
        assertThat(response.get().status()).isEqualTo(201);
        orders.add(response.get().json().get("id").asString());
      }
    }
    int completed = 0;
    int cancelled = 0;
    for (int i = 0; i < orders.size(); i++) {
      String status = awaitTerminal(shoppers.get(i), orders.get(i)).get("status").asString();
      if (status.equals("COMPLETED")) {
        completed++;
      } else if (status.equals("CANCELLED")) {
        cancelled++;
      }
    }
    assertThat(completed).isEqualTo(10);
    assertThat(cancelled).isEqualTo(40);
    JsonNode stock = catalogue.client().get("/api/inventory/" + id).json();
    assertThat(stock.toString()).contains("\"available\":0");
  }

  static TestResponse placeOrder(Shopper shopper, String productId, int quantity, String paymentMethod) {
    return shopper.api().header("Idempotency-Key", UUID.randomUUID().toString()).post("/api/orders", Map.of(
        "items", List.of(Map.of("productId", productId, "quantity", quantity)),
        "shippingAddress", Map.of("name", "A. Shopper", "line1", "Hauptstraße 1", "city", "Berlin",
            "postalCode", "10115", "country", "DE"),
        "paymentMethod", paymentMethod));
  }

  static JsonNode awaitTerminal(Shopper shopper, String orderId) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      TestResponse response = shopper.api().get("/api/orders/" + orderId);
      last[0] = response.json();
      String status = last[0].path("status").asString("");
      return status.equals("COMPLETED") || status.equals("CANCELLED");
    });
    return last[0];
  }
}
