package dev.emporium.cart.orders;

import static dev.emporium.cart.CartTestSupport.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.cart.CartTestSupport;
import dev.emporium.cart.catalog.FakeProductCatalog;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An order placed from the cart takes what it bought out of the cart, once, however often the event comes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderCreatedIT {

  static final TestDatabase db = PostgresDatabases.create(OrderCreatedIT.class);
  static final FakeProductCatalog catalog = FakeProductCatalog.start();
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String orderTopic = kafka.newTopic("order-events");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CartTestSupport.registerWithOrderEvents(registry, db, catalog, kafka, orderTopic);
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired JdbcClient jdbc;
  KafkaProducer<String, byte[]> producer;
  String userId;
  HttpTestClient shopper;

  @BeforeEach
  void setUp() {
    producer = kafka.producer();
    userId = "u-" + UUID.randomUUID();
    shopper = HttpTestClient.forPort(port).as(userId, "customer");
  }

  @AfterEach
  void tearDown() {
    producer.close();
  }

  @Test
  void anOrderFromTheCartRemovesTheOrderedQuantities() {
    String lamp = catalog.add("Lamp", "10.00");
    String desk = catalog.add("Desk", "120.00");
    String chair = catalog.add("Chair", "80.00");
    add(lamp, 3);
    add(desk, 1);
    add(chair, 2);

    String id = send(orderCreated(UUID.randomUUID().toString(), userId, true, Map.of(lamp, 2, desk, 1)));

    awaitProcessed(id);
    assertThat(lines()).containsExactly(lamp + "x1", chair + "x2");
  }

  @Test
  void theSameEventTwiceRemovesOnce() {
    String lamp = catalog.add("Lamp", "10.00");
    add(lamp, 5);
    String order = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> event = orderCreated(order, userId, true, Map.of(lamp, 2));

    send(event);
    send(event);
    // Another user's order on the same key lands on the same partition, after both copies.
    String otherUser = "u-" + UUID.randomUUID();
    awaitProcessed(send(orderCreated(order, otherUser, true, Map.of(lamp, 1))));

    assertThat(lines()).containsExactly(lamp + "x3");
    assertThat(jdbc.sql("SELECT count(*) FROM event_inbox WHERE consumer = :c AND event_id = :id")
        .param("c", OrderListener.CONSUMER).param("id", header(event, "ce_id")).query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void anOrderNotFromTheCartLeavesTheCartAlone() {
    String lamp = catalog.add("Lamp", "10.00");
    add(lamp, 2);
    String order = UUID.randomUUID().toString();

    send(orderCreated(order, userId, false, Map.of(lamp, 2)));
    awaitProcessed(send(orderCreated(order, "u-" + UUID.randomUUID(), true, Map.of(lamp, 1))));

    assertThat(lines()).containsExactly(lamp + "x2");
  }

  private void add(String productId, int quantity) {
    TestResponse response = shopper.post("/api/cart/items", item(productId, quantity));
    assertThat(response.status()).as(response.body()).isIn(200, 201);
  }

  private List<String> lines() {
    JsonNode cart = shopper.get("/api/cart").json();
    return cart.get("items").valueStream()
        .map(line -> line.get("productId").asString() + "x" + line.get("quantity").asInt()).toList();
  }

  private ProducerRecord<String, byte[]> orderCreated(String orderId, String user, boolean fromCart,
      Map<String, Integer> items) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("userId", user);
    data.put("items", items.entrySet().stream().map(e -> Map.of("productId", e.getKey(), "name", "x",
        "quantity", e.getValue(), "unitPrice", Map.of("amount", 1, "currency", "EUR"))).toList());
    data.put("total", Map.of("amount", 1, "currency", "EUR"));
    data.put("paymentMethod", "tok_visa");
    data.put("shippingAddress", Map.of("name", "A", "line1", "B", "city", "C", "postalCode", "D", "country", "DE"));
    data.put("fromCart", fromCart);
    data.put("occurredAt", OffsetDateTime.now().toString());
    return codec.toRecord(orderTopic, UUID.randomUUID().toString(), URI.create("/services/order"), "OrderCreated",
        orderId, OffsetDateTime.now(), JSON.writeValueAsBytes(data), Map.of());
  }

  /** Sends the record and returns its CloudEvents id. */
  private String send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return header(record, "ce_id");
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private void awaitProcessed(String eventId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
            "SELECT count(*) FROM event_inbox WHERE consumer = :c AND event_id = :id")
        .param("c", OrderListener.CONSUMER).param("id", eventId).query(Long.class).single() == 1);
  }
}
