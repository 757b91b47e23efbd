package dev.emporium.cart.api;

import static dev.emporium.cart.CartTestSupport.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.cart.CartTestSupport;
import dev.emporium.cart.catalog.FakeProductCatalog;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The cart API through HTTP with the gateway's identity headers, on the PostgreSQL store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CartApiIT {

  static final TestDatabase db = PostgresDatabases.create(CartApiIT.class);
  static final FakeProductCatalog catalog = FakeProductCatalog.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CartTestSupport.register(registry, db, catalog);
    registry.add("emporium.cart.max-lines", () -> "3");
    registry.add("emporium.cart.max-quantity", () -> "5");
  }

  @LocalServerPort
  int port;
  HttpTestClient anonymous;
  HttpTestClient shopper;
  String shopperId;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
    shopperId = "u-" + UUID.randomUUID();
    shopper = anonymous.as(shopperId, "customer");
  }

  @AfterEach
  void healCatalog() {
    catalog.heal();
  }

  @Test
  void withoutIdentityEveryCallIsUnauthenticated() {
    String lamp = catalog.add("Desk Lamp", "49.90");

    for (TestResponse response : List.of(anonymous.get("/api/cart"), anonymous.post("/api/cart/items", item(lamp, 1)),
        anonymous.delete("/api/cart/items/" + lamp), anonymous.delete("/api/cart"))) {
      assertThat(response.status()).as(response.body()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");
    }
  }

  @Test
  void emptyCartHasNoItemsAndNoTotal() {
    TestResponse response = shopper.get("/api/cart");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("items").size()).isZero();
    assertThat(response.json().get("itemCount").asInt()).isZero();
    assertThat(response.json().get("total").isNull()).isTrue();
    assertThat(response.header("Cache-Control")).contains("no-store");
  }

  @Test
  void addingSnapshotsNameAndPriceAndAddingAgainIncreasesTheLine() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    String cup = catalog.add("Espresso Cup", "7.50");

    TestResponse first = shopper.post("/api/cart/items", item(lamp, 2));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    TestResponse again = shopper.post("/api/cart/items", item(lamp, 1));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(shopper.post("/api/cart/items", item(cup, 4)).status()).isEqualTo(201);

    JsonNode cart = shopper.get("/api/cart").json();
    JsonNode line = cart.get("items").get(0);
    assertThat(line.get("productId").asString()).isEqualTo(lamp);
    assertThat(line.get("name").asString()).isEqualTo("Desk Lamp");
    assertThat(line.get("quantity").asInt()).isEqualTo(3);
    assertThat(line.get("unitPrice").get("amount").decimalValue()).isEqualByComparingTo("49.90");
    assertThat(line.get("unitPrice").get("currency").asString()).isEqualTo("EUR");
    assertThat(line.get("lineTotal").get("amount").decimalValue()).isEqualByComparingTo("149.70");
    assertThat(cart.get("total").get("amount").decimalValue()).isEqualByComparingTo("179.70");
    assertThat(cart.get("total").get("currency").asString()).isEqualTo("EUR");
    assertThat(cart.get("itemCount").asInt()).isEqualTo(7);
    assertThat(cart.get("updatedAt").asString()).isNotBlank();
    assertThat(cart.get("expiresAt").asString()).isNotBlank();
  }

  @Test
  void priceSnapshotStaysWhenTheCatalogPriceChangesLater() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    shopper.post("/api/cart/items", item(lamp, 1));

    catalog.put(lamp, "Desk Lamp (new model)", "59.90", "EUR", true);
    TestResponse more = shopper.post("/api/cart/items", item(lamp, 1));

    assertThat(more.status()).isEqualTo(200);
    JsonNode line = shopper.get("/api/cart").json().get("items").get(0);
    assertThat(line.get("name").asString()).isEqualTo("Desk Lamp");
    assertThat(line.get("unitPrice").get("amount").decimalValue()).isEqualByComparingTo("49.90");
    assertThat(line.get("lineTotal").get("amount").decimalValue()).isEqualByComparingTo("99.80");
  }

  @Test
  void patchSetsTheQuantityAndZeroRemovesTheLine() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    String cup = catalog.add("Espresso Cup", "7.50");
    shopper.post("/api/cart/items", item(lamp, 1));
    shopper.post("/api/cart/items", item(cup, 1));

    TestResponse changed = CartTestSupport.patch(port, shopperId, "/api/cart/items/" + lamp, Map.of("quantity", 4));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("items").get(0).get("quantity").asInt()).isEqualTo(4);

    TestResponse removed = CartTestSupport.patch(port, shopperId, "/api/cart/items/" + lamp, Map.of("quantity", 0));
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("items").valueStream().map(i -> i.get("productId").asString()).toList())
        .containsExactly(cup);
  }

  @Test
  void deleteRemovesALineAndDeleteCartEmptiesIt() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    String cup = catalog.add("Espresso Cup", "7.50");
    shopper.post("/api/cart/items", item(lamp, 1));
    shopper.post("/api/cart/items", item(cup, 1));

    TestResponse removed = shopper.delete("/api/cart/items/" + lamp);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("items").size()).isEqualTo(1);

    TestResponse cleared = shopper.delete("/api/cart");
    assertThat(cleared.status()).isEqualTo(204);
    assertThat(shopper.get("/api/cart").json().get("items").size()).isZero();
    assertThat(shopper.delete("/api/cart").status()).as("emptying an empty cart").isEqualTo(204);
  }

  @Test
  void unknownLineIsNotFound() {
    String lamp = catalog.add("Desk Lamp", "49.90");

    TestResponse delete = shopper.delete("/api/cart/items/" + lamp);
    TestResponse patch = CartTestSupport.patch(port, shopperId, "/api/cart/items/" + lamp, Map.of("quantity", 2));

    for (TestResponse response : List.of(delete, patch)) {
      assertThat(response.status()).as(response.body()).isEqualTo(404);
      assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
    }
  }

  @Test
  void oneUserCannotSeeOrChangeAnothersCart() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    assertThat(shopper.post("/api/cart/items", item(lamp, 2)).status()).isEqualTo(201);
    String otherId = "u-" + UUID.randomUUID();
    HttpTestClient other = anonymous.as(otherId, "customer");

    assertThat(other.get("/api/cart").json().get("items").size()).isZero();
    assertThat(other.delete("/api/cart/items/" + lamp).status()).isEqualTo(404);
    assertThat(CartTestSupport.patch(port, otherId, "/api/cart/items/" + lamp, Map.of("quantity", 1)).status())
        .isEqualTo(404);
    assertThat(other.delete("/api/cart").status()).isEqualTo(204);

    assertThat(shopper.get("/api/cart").json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
  }

  @Test
  void invalidBodiesNameTheField() {
    int catalogCalls = catalog.calls();
    TestResponse missing = shopper.post("/api/cart/items", Map.of("productId", UUID.randomUUID().toString()));
    assertValidation(missing, 400, "quantity", null, null);

    TestResponse tooMany = shopper.post("/api/cart/items", item(UUID.randomUUID().toString(), 6));
    assertValidation(tooMany, 400, "quantity", "max", 5);

    TestResponse none = shopper.post("/api/cart/items", item(UUID.randomUUID().toString(), 0));
    assertValidation(none, 400, "quantity", "min", 1);

    TestResponse badId = shopper.post("/api/cart/items", item("../../etc/passwd", 1));
    assertValidation(badId, 400, "productId", null, null);

    TestResponse negative = CartTestSupport.patch(port, shopperId, "/api/cart/items/" + UUID.randomUUID(),
        Map.of("quantity", -1));
    assertValidation(negative, 400, "quantity", "min", 0);

    TestResponse malformed = shopper.post("/api/cart/items", "{\"productId\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("type").asString()).isEqualTo("urn:emporium:problem:malformed-body");
    assertThat(catalog.calls()).as("invalid requests never reach the catalogue").isEqualTo(catalogCalls);
  }

  @Test
  void cartLimitsAreUnprocessableAndNameTheLimit() {
    for (int i = 0; i < 3; i++) {
      assertThat(shopper.post("/api/cart/items", item(catalog.add("Item " + i, "1.00"), 1)).status()).isEqualTo(201);
    }
    String fourth = catalog.add("One too many", "1.00");

    assertValidation(shopper.post("/api/cart/items", item(fourth, 1)), 422, "productId", "max", 3);

    String first = shopper.get("/api/cart").json().get("items").get(0).get("productId").asString();
    assertThat(shopper.post("/api/cart/items", item(first, 4)).status()).isEqualTo(200);
    assertValidation(shopper.post("/api/cart/items", item(first, 1)), 422, "quantity", "max", 5);
    assertThat(shopper.get("/api/cart").json().get("itemCount").asInt()).isEqualTo(7);
  }

  @Test
  void unknownOrWithdrawnProductIsUnprocessable() {
    TestResponse unknown = shopper.post("/api/cart/items", item(UUID.randomUUID().toString(), 1));
    assertValidation(unknown, 422, "productId", null, null);
    assertThat(unknown.json().get("detail").asString()).contains("does not exist");

    String withdrawn = catalog.put(UUID.randomUUID().toString(), "Old Radio", "20.00", "EUR", false);
    TestResponse inactive = shopper.post("/api/cart/items", item(withdrawn, 1));
    assertValidation(inactive, 422, "productId", null, null);
    assertThat(inactive.json().get("detail").asString()).contains("no longer for sale");
    assertThat(shopper.get("/api/cart").json().get("items").size()).isZero();
  }

  @Test
  void catalogDownIsServiceUnavailable() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    catalog.failWith(Status.UNAVAILABLE);

    TestResponse response = shopper.post("/api/cart/items", item(lamp, 1));

    assertThat(response.status()).as(response.body()).isEqualTo(503);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:unavailable");
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(shopper.get("/api/cart").json().get("items").size()).isZero();
  }

  @Test
  void catalogSlowerThanTheDeadlineIsServiceUnavailable() {
    String lamp = catalog.add("Desk Lamp", "49.90");
    catalog.answerAfter(Duration.ofSeconds(3));

    long started = System.nanoTime();
    TestResponse response = shopper.post("/api/cart/items", item(lamp, 1));

    assertThat(response.status()).as(response.body()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void readyWhileTheStoreWorksAndMetricsAndOpenApiAreServed() {
    TestResponse ready = anonymous.get("/health/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().get("components").get("cartStore").get("status").asString()).isEqualTo("UP");

    assertThat(anonymous.get("/metrics").body()).contains("application=\"cart\"");
    assertThat(anonymous.get("/openapi").body()).contains("/api/cart/items/{productId}");
  }

  private static void assertValidation(TestResponse response, int status, String field, String limit,
      Integer value) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    JsonNode error = response.json().get("errors").valueStream()
        .filter(e -> e.get("field").asString().equals(field)).findFirst().orElseThrow(() ->
            new AssertionError("no error for " + field + " in " + response.body()));
    if (limit != null) {
      assertThat(error.get("limits").get(limit).asInt()).as(response.body()).isEqualTo(value);
    }
  }
}
