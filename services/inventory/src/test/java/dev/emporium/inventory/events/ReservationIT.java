package dev.emporium.inventory.events;

import static dev.emporium.inventory.InventoryTestSupport.header;
import static dev.emporium.inventory.InventoryTestSupport.item;
import static dev.emporium.inventory.InventoryTestSupport.orderCancelled;
import static dev.emporium.inventory.InventoryTestSupport.paymentProcessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.inventory.InventoryTestSupport;
import dev.emporium.inventory.InventoryTestSupport.Topics;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/** The inventory's part of the saga, driven the way the payment and order services drive it: by events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReservationIT {

  static final TestDatabase db = PostgresDatabases.create(ReservationIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    InventoryTestSupport.register(registry, db, kafka, topics);
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired EventSchemas schemas;
  @Autowired JsonMapper mapper;
  @Autowired JdbcClient jdbc;
  HttpTestClient admin;
  KafkaProducer<String, byte[]> producer;
  TopicReader inventoryEvents;

  @BeforeEach
  void setUp() {
    admin = HttpTestClient.forPort(port).as("admin-1", "admin");
    producer = kafka.producer();
    inventoryEvents = kafka.reader(topics.inventory());
  }

  @AfterEach
  void tearDown() {
    producer.close();
    inventoryEvents.close();
  }

  @Test
  void paidOrderReservesEveryLineAndPublishesInventoryReserved() throws Exception {
    UUID kettle = stocked("berlin", 5);
    UUID mug = stocked("berlin", 2);
    restock(mug, "paris", 3);
    String order = "order-" + UUID.randomUUID();

    send(paymentProcessed(codec, topics.payments(), order, List.of(item(kettle, 2), item(mug, 4))));

    ConsumerRecord<String, byte[]> event = awaitEvent(order);
    assertThat(header(event, "ce_type")).isEqualTo("InventoryReserved");
    assertThat(header(event, "ce_source")).isEqualTo("/services/inventory");
    JsonNode data = mapper.readTree(event.value());
    assertThat(data.get("orderId").asString()).isEqualTo(order);
    assertThat(data.get("lines").valueStream().map(l -> l.get("productId").asString() + "@"
        + l.get("warehouse").asString() + "x" + l.get("quantity").asInt()))
        .containsExactlyInAnyOrder(kettle + "@berlinx2", mug + "@parisx3", mug + "@berlinx1");
    assertThat(stock(kettle)).isEqualTo(new Levels(5, 2));
    assertThat(stock(mug)).isEqualTo(new Levels(5, 4));
    assertThat(lineStates(order)).containsOnly("RESERVED").hasSize(3);
  }

  @Test
  void orderThatFallsShortReservesNothingAndPublishesInventoryInsufficient() throws Exception {
    UUID kettle = stocked("main", 5);
    UUID mug = stocked("main", 1);
    String order = "short-" + UUID.randomUUID();

    send(paymentProcessed(codec, topics.payments(), order, List.of(item(kettle, 2), item(mug, 3))));

    ConsumerRecord<String, byte[]> event = awaitEvent(order);
    assertThat(header(event, "ce_type")).isEqualTo("InventoryInsufficient");
    JsonNode shortage = mapper.readTree(event.value()).get("shortages");
    assertThat(shortage).hasSize(1);
    assertThat(shortage.get(0).get("productId").asString()).isEqualTo(mug.toString());
    assertThat(shortage.get(0).get("requested").asLong()).isEqualTo(3);
    assertThat(shortage.get(0).get("available").asLong()).isEqualTo(1);
    assertThat(stock(kettle)).as("the line that fit is not reserved either").isEqualTo(new Levels(5, 0));
    assertThat(stock(mug)).isEqualTo(new Levels(1, 0));
    assertThat(lineStates(order)).isEmpty();
  }

  @Test
  void theSameEventTwiceReservesOnce() throws Exception {
    UUID kettle = stocked("main", 10);
    String order = "twice-" + UUID.randomUUID();
    ProducerRecord<String, byte[]> payment = paymentProcessed(codec, topics.payments(), order, List.of(item(kettle, 3)));

    send(payment);
    send(payment);
    // The payment service publishing again with a new event id (at-least-once, a replay) is absorbed too.
    // Same key, same partition: once it is processed, so are the two before it.
    String last = send(paymentProcessed(codec, topics.payments(), order, List.of(item(kettle, 3))));

    awaitEvent(order);
    awaitProcessed(SagaListeners.RESERVE, last);
    assertThat(eventsOf(order, Duration.ofSeconds(1))).hasSize(1);
    assertThat(stock(kettle)).isEqualTo(new Levels(10, 3));
  }

  @Test
  void cancellationReleasesTheReservationOnceAndPublishesInventoryReleased() throws Exception {
    UUID kettle = stocked("main", 4);
    String order = "cancelled-" + UUID.randomUUID();
    send(paymentProcessed(codec, topics.payments(), order, List.of(item(kettle, 3))));
    awaitEvent(order);
    assertThat(stock(kettle)).isEqualTo(new Levels(4, 3));

    ProducerRecord<String, byte[]> cancellation = orderCancelled(codec, topics.orders(), order, "customer changed mind");
    send(cancellation);
    send(cancellation);
    String last = send(orderCancelled(codec, topics.orders(), order, "cancelled again"));

    inventoryEvents.awaitUntil(
        records -> records.stream().filter(r -> order.equals(r.key())).count() >= 2, "reserved and released");
    awaitProcessed(SagaListeners.RELEASE, last);
    List<ConsumerRecord<String, byte[]>> mine = eventsOf(order, Duration.ofSeconds(1));
    assertThat(mine).extracting(r -> header(r, "ce_type")).containsExactly("InventoryReserved", "InventoryReleased");
    JsonNode released = mapper.readTree(mine.get(1).value());
    assertThat(released.get("reason").asString()).isEqualTo("customer changed mind");
    assertThat(released.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
    assertThat(stock(kettle)).isEqualTo(new Levels(4, 0));
    assertThat(lineStates(order)).containsExactly("RELEASED");
  }

  @Test
  void cancellingAnUnknownOrderIsANoOpAndALatePaymentThenReservesNothing() throws Exception {
    UUID kettle = stocked("main", 4);
    String order = "early-cancel-" + UUID.randomUUID();

    awaitProcessed(SagaListeners.RELEASE, send(orderCancelled(codec, topics.orders(), order, "payment timed out")));
    awaitProcessed(SagaListeners.RESERVE,
        send(paymentProcessed(codec, topics.payments(), order, List.of(item(kettle, 1)))));

    assertThat(eventsOf(order, Duration.ofSeconds(1))).isEmpty();
    assertThat(stock(kettle)).isEqualTo(new Levels(4, 0));
  }

  @Test
  void everyEmittedEventMatchesItsSchema() throws Exception {
    UUID kettle = stocked("main", 1);
    String reserved = "schema-ok-" + UUID.randomUUID();
    String insufficient = "schema-short-" + UUID.randomUUID();
    send(paymentProcessed(codec, topics.payments(), reserved, List.of(item(kettle, 1))));
    awaitEvent(reserved);
    send(paymentProcessed(codec, topics.payments(), insufficient, List.of(item(kettle, 1))));
    awaitEvent(insufficient);
    send(orderCancelled(codec, topics.orders(), reserved, "x".repeat(2_000)));

    List<ConsumerRecord<String, byte[]>> all = inventoryEvents.awaitUntil(records -> records.stream()
        .anyMatch(r -> reserved.equals(r.key()) && "InventoryReleased".equals(header(r, "ce_type"))), "the release");
    for (ConsumerRecord<String, byte[]> record : all) {
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(schemas.violations(header(record, "ce_type"), json)).as(json).isEmpty();
      assertThat(header(record, "ce_subject")).isEqualTo(record.key());
    }
    assertThat(all).extracting(r -> header(r, "ce_type"))
        .contains("InventoryReserved", "InventoryInsufficient", "InventoryReleased");
  }

  @Test
  void aPaymentWithoutItemsGoesToTheDeadLetterTopicAndReservesNothing() throws Exception {
    String order = "poison-" + UUID.randomUUID();
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.payments()))) {
      send(paymentProcessed(codec, topics.payments(), order, List.of()));

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())), "the payment in the DLT");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM reservations WHERE order_id = :o").param("o", order)
        .query(Long.class).single()).isZero();
  }

  @Test
  void otherPaymentEventsAreNotThisServicesBusiness() throws Exception {
    String order = "failed-" + UUID.randomUUID();
    send(InventoryTestSupport.event(codec, topics.payments(), "/services/payment", "PaymentFailed", order,
        Map.of("orderId", order, "reason", "declined")));
    // Same key, same partition: once this one is processed, the PaymentFailed before it was read.
    awaitProcessed(SagaListeners.RESERVE,
        send(paymentProcessed(codec, topics.payments(), order, List.of(item(UUID.randomUUID(), 1)))));

    assertThat(jdbc.sql("SELECT count(*) FROM event_inbox WHERE event_type = 'PaymentFailed'")
        .query(Long.class).single()).isZero();
  }

  record Levels(long onHand, long reserved) {}

  private UUID stocked(String warehouse, int quantity) {
    UUID product = UUID.randomUUID();
    restock(product, warehouse, quantity);
    return product;
  }

  private void restock(UUID product, String warehouse, int quantity) {
    assertThat(admin.post("/api/inventory/restock",
        Map.of("productId", product.toString(), "warehouse", warehouse, "quantity", quantity)).status()).isEqualTo(200);
  }

  private Levels stock(UUID product) {
    JsonNode json = admin.get("/api/inventory/" + product).json();
    return new Levels(json.get("onHand").asLong(), json.get("reserved").asLong());
  }

  private List<String> lineStates(String order) {
    return jdbc.sql("SELECT state FROM reservation_lines WHERE order_id = :o").param("o", order)
        .query(String.class).list();
  }

  /** Sends the record and returns its CloudEvents id. */
  private String send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get();
    return text(record.headers().lastHeader("ce_id"));
  }

  private static String text(org.apache.kafka.common.header.Header header) {
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private ConsumerRecord<String, byte[]> awaitEvent(String order) {
    return inventoryEvents.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())),
        "an inventory event of " + order).stream().filter(r -> order.equals(r.key())).findFirst().orElseThrow();
  }

  private List<ConsumerRecord<String, byte[]>> eventsOf(String order, Duration quiet) {
    return inventoryEvents.drain(quiet).stream().filter(r -> order.equals(r.key())).toList();
  }

  /** Waits until {@code consumer} has processed the event with this id (later records of its key come after it). */
  private void awaitProcessed(String consumer, String eventId) {
    await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
            "SELECT count(*) FROM event_inbox WHERE consumer = :c AND event_id = :id")
        .param("c", consumer).param("id", eventId).query(Long.class).single() == 1);
  }
}
