package dev.emporium.order.api;

import static dev.emporium.order.OrderTestSupport.header;
import static dev.emporium.order.OrderTestSupport.item;
import static dev.emporium.order.OrderTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.order.OrderTestSupport;
import dev.emporium.order.OrderTestSupport.Topics;
import dev.emporium.order.cart.FakeCartService;
import dev.emporium.order.catalog.FakeProductCatalog;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The order API through HTTP with the gateway's identity headers, against a real catalogue and cart server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderApiIT {

  /** Long enough for a cold first call on a loaded machine, short enough to wait out in one test. */
  static final Duration CATALOG_DEADLINE = Duration.ofSeconds(3);
  static final TestDatabase db = PostgresDatabases.create(OrderApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final FakeProductCatalog catalog = FakeProductCatalog.start();
  static final FakeCartService cart = FakeCartService.start();
  static TopicReader orderEvents;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    OrderTestSupport.register(registry, db, kafka, topics, catalog, cart);
    registry.add("emporium.order.limits.max-idempotency-key-length", () -> "40");
    registry.add("emporium.order.catalog.deadline", () -> CATALOG_DEADLINE.toMillis() + "ms");
  }

  @BeforeAll
  static void readEvents() {
    orderEvents = kafka.reader(topics.orders());
  }

  @AfterAll
  static void closeReader() {
    orderEvents.close();
  }

  @LocalServerPort int port;
  @Autowired EventSchemas schemas;
  @Autowired JdbcClient jdbc;
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
  void heal() {
    catalog.heal();
    cart.failWith(0);
  }

  private TestResponse place(HttpTestClient client, String key, Object body) {
    return client.header("Idempotency-Key", key).post("/api/orders", body);
  }

  private static String newKey() {
    return "k-" + UUID.randomUUID();
  }

  private static List<String> errorFields(TestResponse response) {
    return StreamSupport.stream(response.json().get("errors").spliterator(), false)
        .map(e -> e.get("field").asString()).toList();
  }

  @Test
  void placesAnOrderAtTheCataloguesPricesWithTheClientsPricesIgnored() {
    String kettle = catalog.add("Pour-over Kettle", "35.00");
    String mug = catalog.add("Mug", "7.45");
    Map<String, Object> body = order(List.of(
        Map.of("productId", kettle, "quantity", 2, "unitPrice", Map.of("amount", 0.01, "currency", "EUR")),
        item(mug, 3)));

    TestResponse response = place(shopper, newKey(), body);

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode json = response.json();
    String id = json.get("id").asString();
    assertThat(response.header("Location")).isEqualTo("/api/orders/" + id);
    assertThat(json.get("status").asString()).isEqualTo("PENDING");
    assertThat(json.get("userId").asString()).isEqualTo(shopperId);
    assertThat(json.get("items").get(0).get("name").asString()).isEqualTo("Pour-over Kettle");
    assertThat(json.get("items").get(0).get("unitPrice").get("amount").decimalValue()).isEqualByComparingTo("35.00");
    assertThat(json.get("items").get(0).get("lineTotal").get("amount").decimalValue()).isEqualByComparingTo("70.00");
    assertThat(json.get("items").get(1).get("lineTotal").get("amount").decimalValue()).isEqualByComparingTo("22.35");
    assertThat(json.get("total").get("amount").decimalValue()).isEqualByComparingTo("92.35");
    assertThat(json.get("total").get("currency").asString()).isEqualTo("EUR");
    assertThat(json.get("timeline").get(0).get("step").asString()).isEqualTo("created");
    assertThat(json.get("shippingAddress").get("country").asString()).isEqualTo("GB");
    assertThat(json.get("createdAt").isString()).isTrue();

    ConsumerRecord<String, byte[]> created = awaitEvent(id, "OrderCreated");
    String data = new String(created.value(), StandardCharsets.UTF_8);
    assertThat(schemas.violations("OrderCreated", data)).as(data).isEmpty();
    JsonNode event = response.mapper().readTree(data);
    assertThat(event.get("total").get("amount").decimalValue()).isEqualByComparingTo("92.35");
    assertThat(event.get("items").get(0).get("unitPrice").get("amount").decimalValue()).isEqualByComparingTo("35.00");
    assertThat(event.get("fromCart").asBoolean()).isFalse();
    assertThat(event.get("paymentMethod").asString()).isEqualTo("tok_visa");
    assertThat(header(created, "ce_source")).isEqualTo("/services/order");
    assertThat(header(created, "ce_subject")).isEqualTo(id);
  }

  @Test
  void linesOfOneProductAreMergedIntoOne() {
    String lamp = catalog.add("Lamp", "10.00");

    TestResponse response = place(shopper, newKey(), order(List.of(item(lamp, 2), item(lamp, 3))));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().get("items")).hasSize(1);
    assertThat(response.json().get("items").get(0).get("quantity").asInt()).isEqualTo(5);
  }

  @Test
  void withoutIdentityPlacingAndReadingAreUnauthenticated() {
    String lamp = catalog.add("Lamp", "10.00");

    for (TestResponse response : List.of(place(anonymous, newKey(), order(List.of(item(lamp, 1)))),
        anonymous.get("/api/orders"), anonymous.get("/api/orders/" + UUID.randomUUID()))) {
      assertThat(response.status()).as(response.body()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }

  @Test
  void theIdempotencyKeyIsRequiredAndBounded() {
    String lamp = catalog.add("Lamp", "10.00");

    TestResponse missing = shopper.post("/api/orders", order(List.of(item(lamp, 1))));
    TestResponse tooLong = place(shopper, "k".repeat(41), order(List.of(item(lamp, 1))));

    for (TestResponse response : List.of(missing, tooLong)) {
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
      assertThat(errorFields(response)).containsExactly("Idempotency-Key");
    }
    assertThat(tooLong.json().get("errors").get(0).get("limits").get("max").asInt()).isEqualTo(40);
  }

  @Test
  void invalidFieldsAreNamedEachOne() {
    Map<String, Object> body = new HashMap<>();
    body.put("items", List.of(Map.of("productId", "nope", "quantity", 101), Map.of("productId", UUID.randomUUID()
        .toString(), "quantity", 0)));
    body.put("shippingAddress", Map.of("name", "", "line1", "x".repeat(201), "city", "Paris", "postalCode", "75001",
        "country", "France"));
    body.put("paymentMethod", "p".repeat(65));
    int callsBefore = catalog.calls();

    TestResponse response = place(shopper, newKey(), body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    assertThat(errorFields(response)).containsExactlyInAnyOrder("items[0].productId", "items[0].quantity",
        "items[1].quantity", "shippingAddress.name", "shippingAddress.line1", "shippingAddress.country",
        "paymentMethod");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    assertThat(catalog.calls()).as("nothing is looked up for an invalid request").isEqualTo(callsBefore);
  }

  @Test
  void tooManyLinesAndMalformedJsonAreBadRequests() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      items.add(item(UUID.randomUUID().toString(), 1));
    }
    TestResponse tooMany = place(shopper, newKey(), order(items));
    TestResponse malformed = place(shopper, newKey(), "{\"items\": [");
    TestResponse wrongType = place(shopper, newKey(), "{\"items\": [{\"productId\": \"x\", \"quantity\": \"many\"}]}");

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(errorFields(tooMany)).containsExactly("items");
    assertThat(tooMany.json().get("errors").get(0).get("limits").get("max").asInt()).isEqualTo(50);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("detail").asString()).contains("items[0].quantity");
  }

  @Test
  void theSameKeyAnswersTheSameOrderAgain() {
    String lamp = catalog.add("Lamp", "10.00");
    String key = newKey();
    Map<String, Object> body = order(List.of(item(lamp, 1)));

    TestResponse first = place(shopper, key, body);
    catalog.put(lamp, "Lamp", "99.00", "EUR", false);
    TestResponse again = place(shopper, key, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(ordersOf(shopperId)).isEqualTo(1);

    catalog.failWith(Status.UNAVAILABLE);
    assertThat(place(shopper, key, body).body()).as("a replay needs no catalogue").isEqualTo(first.body());
  }

  @Test
  void keysArePerUser() {
    String lamp = catalog.add("Lamp", "10.00");
    String key = newKey();
    Map<String, Object> body = order(List.of(item(lamp, 1)));

    TestResponse mine = place(shopper, key, body);
    TestResponse theirs = place(anonymous.as("u-" + UUID.randomUUID()), key, body);

    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.json().get("id").asString()).isNotEqualTo(mine.json().get("id").asString());
  }

  @Test
  void theSameKeyWithAnotherBodyIsUnprocessable() {
    String lamp = catalog.add("Lamp", "10.00");
    String key = newKey();
    place(shopper, key, order(List.of(item(lamp, 1))));

    TestResponse other = place(shopper, key, order(List.of(item(lamp, 2))));

    assertThat(other.status()).as(other.body()).isEqualTo(422);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.json().get("type").asString()).isEqualTo("urn:emporium:problem:idempotency-conflict");
    assertThat(errorFields(other)).containsExactly("Idempotency-Key");
    assertThat(ordersOf(shopperId)).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithOneKeyCreateOneOrder() throws Exception {
    String lamp = catalog.add("Lamp", "10.00");
    String key = newKey();
    Map<String, Object> body = order(List.of(item(lamp, 1)));
    int parallel = 12;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Callable<TestResponse>> calls = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        calls.add(() -> place(shopper, key, body));
      }
      List<TestResponse> responses = new ArrayList<>();
      for (Future<TestResponse> future : pool.invokeAll(calls)) {
        responses.add(future.get());
      }

      assertThat(responses).extracting(TestResponse::status).containsOnly(201);
      Set<String> bodies = responses.stream().map(TestResponse::body).collect(Collectors.toSet());
      assertThat(bodies).hasSize(1);
      assertThat(responses).filteredOn(r -> "false".equals(r.header("Idempotent-Replayed"))).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(ordersOf(shopperId)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE event_type = 'OrderCreated' AND payload->>'userId' = :u")
        .param("u", shopperId).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void unknownAndWithdrawnProductsAreUnprocessableNamingEachProduct() {
    String lamp = catalog.add("Lamp", "10.00");
    String unknown = UUID.randomUUID().toString();
    String withdrawn = catalog.put(UUID.randomUUID().toString(), "Old Lamp", "5.00", "EUR", false);

    TestResponse response = place(shopper, newKey(), order(List.of(item(lamp, 1), item(unknown, 1), item(withdrawn, 1))));

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(errorFields(response)).containsExactly("items[1].productId", "items[2].productId");
    assertThat(response.json().get("detail").asString()).contains(unknown).contains(withdrawn);
    assertThat(ordersOf(shopperId)).isZero();
  }

  @Test
  void productsInSeveralCurrenciesAreUnprocessable() {
    String euro = catalog.add("Lamp", "10.00");
    String dollar = catalog.put(UUID.randomUUID().toString(), "Desk", "99.00", "USD", true);

    TestResponse response = place(shopper, newKey(), order(List.of(item(euro, 1), item(dollar, 1))));

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(errorFields(response)).containsExactly("items");
    assertThat(response.json().get("detail").asString()).contains("EUR").contains("USD");
  }

  @Test
  void anUnreachableOrSlowCatalogueIsServiceUnavailableWithRetryAfter() {
    String lamp = catalog.add("Lamp", "10.00");

    catalog.failWith(Status.UNAVAILABLE);
    TestResponse down = place(shopper, newKey(), order(List.of(item(lamp, 1))));
    catalog.heal();
    catalog.answerAfter(CATALOG_DEADLINE.plusMillis(500));
    TestResponse slow = place(shopper, newKey(), order(List.of(item(lamp, 1))));

    for (TestResponse response : List.of(down, slow)) {
      assertThat(response.status()).as(response.body()).isEqualTo(503);
      assertThat(response.header("Retry-After")).isEqualTo("5");
      assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:unavailable");
    }
    assertThat(ordersOf(shopperId)).isZero();
  }

  @Test
  void anOrderIsHiddenFromEveryoneButItsOwnerAndAdmins() {
    String id = placeOne(shopper);

    TestResponse own = shopper.get("/api/orders/" + id);
    TestResponse stranger = anonymous.as("u-" + UUID.randomUUID(), "customer").get("/api/orders/" + id);
    TestResponse admin = anonymous.as("admin-1", "admin").get("/api/orders/" + id);
    TestResponse unknown = shopper.get("/api/orders/" + UUID.randomUUID());
    TestResponse notAnId = shopper.get("/api/orders/42");

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("timeline").get(0).get("step").asString()).isEqualTo("created");
    assertThat(own.json().get("cancellationReason").isNull()).isTrue();
    assertThat(own.json().get("trackingNumber").isNull()).isTrue();
    assertThat(own.header("Cache-Control")).contains("no-store");
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.json().get("userId").asString()).isEqualTo(shopperId);
    for (TestResponse hidden : List.of(stranger, unknown, notAnId)) {
      assertThat(hidden.status()).isEqualTo(404);
      assertThat(hidden.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
    }
    assertThat(stranger.body()).doesNotContain(shopperId);
  }

  @Test
  void listsTheCallersOrdersNewestFirstInPages() {
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      placed.add(placeOne(shopper));
    }
    placeOne(anonymous.as("u-" + UUID.randomUUID()));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TestResponse page = shopper.get("/api/orders?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().get("items").forEach(o -> seen.add(o.get("id").asString()));
      cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(placed.reversed());
  }

  @Test
  void adminsListAnyUsersOrdersOthersMayNot() {
    String id = placeOne(shopper);
    HttpTestClient stranger = anonymous.as("u-" + UUID.randomUUID(), "customer");

    TestResponse admin = anonymous.as("admin-1", "admin").get("/api/orders?userId=" + shopperId);
    TestResponse forbidden = stranger.get("/api/orders?userId=" + shopperId);
    TestResponse ownByName = shopper.get("/api/orders?userId=" + shopperId);

    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.json().get("items").get(0).get("id").asString()).isEqualTo(id);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(ownByName.status()).isEqualTo(200);
    assertThat(ownByName.json().get("items")).hasSize(1);
  }

  @Test
  void badPagingParametersAreNamed() {
    placeOne(shopper);
    TestResponse first = shopper.get("/api/orders?limit=1");
    String othersCursor = first.json().get("nextCursor").isNull() ? null : first.json().get("nextCursor").asString();
    placeOne(shopper);
    String cursor = shopper.get("/api/orders?limit=1").json().get("nextCursor").asString();

    TestResponse tooBig = shopper.get("/api/orders?limit=101");
    TestResponse garbage = shopper.get("/api/orders?cursor=not-a-cursor");
    TestResponse foreign = anonymous.as("u-" + UUID.randomUUID()).get("/api/orders?cursor=" + cursor);

    assertThat(othersCursor).isNull();
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(errorFields(tooBig)).containsExactly("limit");
    for (TestResponse response : List.of(garbage, foreign)) {
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(errorFields(response)).containsExactly("cursor");
    }
  }

  @Test
  void fromCartOrdersTheCartsLinesAtTheCataloguesPrices() {
    String lamp = catalog.add("Lamp", "10.00");
    String desk = catalog.add("Desk", "120.50");
    cart.add(shopperId, lamp, 2, "1.00");
    cart.add(shopperId, desk, 1, "1.00");

    TestResponse response = place(shopper, newKey(), OrderTestSupport.fromCart());

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().get("fromCart").asBoolean()).isTrue();
    assertThat(response.json().get("items")).hasSize(2);
    assertThat(response.json().get("total").get("amount").decimalValue()).isEqualByComparingTo("140.50");
    ConsumerRecord<String, byte[]> created = awaitEvent(response.json().get("id").asString(), "OrderCreated");
    assertThat(response.mapper().readTree(created.value()).get("fromCart").asBoolean()).isTrue();
  }

  @Test
  void fromCartWithAnEmptyCartIsUnprocessableAndAnUnreachableCartUnavailable() {
    TestResponse empty = place(shopper, newKey(), OrderTestSupport.fromCart());
    cart.failWith(500);
    TestResponse failing = place(shopper, newKey(), OrderTestSupport.fromCart());

    assertThat(empty.status()).as(empty.body()).isEqualTo(422);
    assertThat(errorFields(empty)).containsExactly("fromCart");
    assertThat(failing.status()).as(failing.body()).isEqualTo(503);
    assertThat(failing.header("Retry-After")).isEqualTo("5");
  }

  @Test
  void aRetriedCartOrderGetsItsOrderBackAfterTheCartWasEmptied() {
    String lamp = catalog.add("Lamp", "10.00");
    String retryingUser = "u-" + UUID.randomUUID();
    HttpTestClient retrying = anonymous.as(retryingUser);
    cart.add(retryingUser, lamp, 1, "10.00");
    String key = newKey();
    TestResponse first = place(retrying, key, OrderTestSupport.fromCart());
    cart.failWith(500);

    TestResponse again = place(retrying, key, OrderTestSupport.fromCart());

    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
  }

  private String placeOne(HttpTestClient client) {
    String lamp = catalog.add("Lamp", "10.00");
    TestResponse response = place(client, newKey(), order(List.of(item(lamp, 1))));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private long ordersOf(String userId) {
    return jdbc.sql("SELECT count(*) FROM orders WHERE user_id = :u").param("u", userId).query(Long.class).single();
  }

  private ConsumerRecord<String, byte[]> awaitEvent(String orderId, String type) {
    return orderEvents.awaitUntil(records -> records.stream().anyMatch(r -> matches(r, orderId, type)),
        type + " of " + orderId).stream().filter(r -> matches(r, orderId, type)).findFirst().orElseThrow();
  }

  private static boolean matches(ConsumerRecord<String, byte[]> record, String orderId, String type) {
    return orderId.equals(record.key()) && type.equals(header(record, "ce_type"));
  }
}
