package dev.emporium.order.saga;

import static dev.emporium.order.OrderTestSupport.header;
import static dev.emporium.order.OrderTestSupport.item;
import static dev.emporium.order.OrderTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.order.OrderTestSupport;
import dev.emporium.order.OrderTestSupport.Topics;
import dev.emporium.order.SagaFixtures;
import dev.emporium.order.cart.FakeCartService;
import dev.emporium.order.catalog.FakeProductCatalog;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
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

/** The order's side of the saga, driven the way the payment, inventory and shipping services drive it: by events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderSagaIT {

  static final TestDatabase db = PostgresDatabases.create(OrderSagaIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final FakeProductCatalog catalog = FakeProductCatalog.start();
  static final FakeCartService cart = FakeCartService.start();
  static TopicReader orderEvents;
  static KafkaProducer<String, byte[]> producer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    OrderTestSupport.register(registry, db, kafka, topics, catalog, cart);
  }

  @BeforeAll
  static void connect() {
    orderEvents = kafka.reader(topics.orders());
    producer = kafka.producer();
  }

  @AfterAll
  static void disconnect() {
    orderEvents.close();
    producer.close();
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired EventSchemas schemas;
  @Autowired JdbcClient jdbc;
  HttpTestClient shopper;
  String userId;
  String product;

  @BeforeEach
  void setUp() {
    userId = "u-" + UUID.randomUUID();
    shopper = HttpTestClient.forPort(port).as(userId, "customer");
    product = catalog.add("Pour-over Kettle", "29.90");
  }

  @Test
  void paidReservedShippedOrderCompletesAndPublishesOrderCompleted() {
    String order = place();

    send(payment("PaymentProcessed", SagaFixtures.paymentProcessed(order, userId, product, 2, "59.80")));
    awaitStatus(order, "PAID");
    send(inventory("InventoryReserved", SagaFixtures.inventoryReserved(order, product, 2)));
    awaitStatus(order, "RESERVED");
    send(shipping("ShipmentCreated", SagaFixtures.shipmentCreated(order, userId, "TRACK-42")));

    JsonNode completed = awaitStatus(order, "COMPLETED");
    assertThat(completed.get("trackingNumber").asString()).isEqualTo("TRACK-42");
    assertThat(steps(completed)).containsExactly("created", "payment-processed", "inventory-reserved",
        "shipment-created", "completed");
    JsonNode event = data(awaitEvent(order, "OrderCompleted"));
    assertThat(event.get("trackingNumber").asString()).isEqualTo("TRACK-42");
    assertThat(event.get("userId").asString()).isEqualTo(userId);
    assertThat(event.get("total").get("amount").decimalValue()).isEqualByComparingTo("59.80");
    assertThat(event.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
  }

  @Test
  void aDeclinedCardCancelsWithPaymentDeclinedAndOtherPaymentFailuresWithPaymentFailed() {
    String declined = place();
    String failed = place();

    send(payment("PaymentFailed", SagaFixtures.paymentFailed(declined, userId, "card-declined")));
    send(payment("PaymentFailed", SagaFixtures.paymentFailed(failed, userId, "processor-unavailable")));

    JsonNode order = awaitStatus(declined, "CANCELLED");
    assertThat(order.get("cancellationReason").asString()).isEqualTo("payment-declined");
    assertThat(steps(order)).containsExactly("created", "payment-failed", "cancelled");
    JsonNode cancelled = data(awaitEvent(declined, "OrderCancelled"));
    assertThat(cancelled.get("reason").asString()).isEqualTo("payment-declined");
    assertThat(cancelled.get("previousStatus").asString()).isEqualTo("PENDING");
    assertThat(cancelled.get("detail").asString()).contains("card_declined");
    assertThat(awaitStatus(failed, "CANCELLED").get("cancellationReason").asString()).isEqualTo("payment-failed");
    assertThat(data(awaitEvent(failed, "OrderCancelled")).get("reason").asString()).isEqualTo("payment-failed");
  }

  @Test
  void insufficientStockCancelsAPaidOrder() {
    String order = paid();

    send(inventory("InventoryInsufficient", SagaFixtures.inventoryInsufficient(order, product, 2, 1)));

    assertThat(awaitStatus(order, "CANCELLED").get("cancellationReason").asString()).isEqualTo("insufficient-stock");
    JsonNode cancelled = data(awaitEvent(order, "OrderCancelled"));
    assertThat(cancelled.get("reason").asString()).isEqualTo("insufficient-stock");
    assertThat(cancelled.get("previousStatus").asString()).isEqualTo("PAID");
  }

  @Test
  void aFailedShipmentCancelsAReservedOrderAndCompensationsLandOnTheTimeline() {
    String order = paid();
    send(inventory("InventoryReserved", SagaFixtures.inventoryReserved(order, product, 2)));
    awaitStatus(order, "RESERVED");

    send(shipping("ShipmentFailed", SagaFixtures.shipmentFailed(order, userId, "address-unserviceable")));

    assertThat(awaitStatus(order, "CANCELLED").get("cancellationReason").asString()).isEqualTo("shipment-failed");
    JsonNode cancelled = data(awaitEvent(order, "OrderCancelled"));
    assertThat(cancelled.get("previousStatus").asString()).isEqualTo("RESERVED");
    assertThat(cancelled.get("detail").asString()).contains("address-unserviceable");

    send(payment("PaymentRefunded", SagaFixtures.paymentRefunded(order, userId, "59.80", "shipment-failed")));
    send(inventory("InventoryReleased", SagaFixtures.inventoryReleased(order, product, 2, "shipment-failed")));
    JsonNode after = awaitTimeline(order, 7);
    assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
    // The two compensations come on different topics: no order between them.
    assertSteps(after, List.of("created", "payment-processed", "inventory-reserved", "shipment-failed", "cancelled"),
        List.of("payment-refunded", "inventory-released"));
    assertThat(after.get("timeline")).allSatisfy(step -> assertThat(step.get("ignored").asBoolean()).isFalse());
  }

  @Test
  void lateStepsOnACancelledOrderChangeNothingAndAreRecordedAsIgnored() {
    String order = place();
    send(payment("PaymentFailed", SagaFixtures.paymentFailed(order, userId, "card-declined")));
    awaitStatus(order, "CANCELLED");

    send(payment("PaymentProcessed", SagaFixtures.paymentProcessed(order, userId, product, 2, "59.80")));
    send(inventory("InventoryReserved", SagaFixtures.inventoryReserved(order, product, 2)));
    send(shipping("ShipmentCreated", SagaFixtures.shipmentCreated(order, userId, "TRACK-LATE")));

    JsonNode after = awaitTimeline(order, 6);
    assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(after.get("trackingNumber").isNull()).isTrue();
    List<JsonNode> late = StreamSupport.stream(after.get("timeline").spliterator(), false).skip(3).toList();
    assertThat(late).extracting(step -> step.get("step").asString())
        .containsExactlyInAnyOrder("payment-processed", "inventory-reserved", "shipment-created");
    assertThat(late).allSatisfy(step -> {
      assertThat(step.get("ignored").asBoolean()).isTrue();
      assertThat(step.get("detail").asString()).contains("ignored: the order is already CANCELLED");
    });
    assertThat(eventsOf(order)).extracting(r -> header(r, "ce_type")).containsExactly("OrderCreated", "OrderCancelled");
  }

  @Test
  void aReservationOvertakingItsPaymentMovesTheOrderOnAndThePaymentIsOnlyRecorded() {
    String order = place();

    send(inventory("InventoryReserved", SagaFixtures.inventoryReserved(order, product, 2)));
    awaitStatus(order, "RESERVED");
    send(payment("PaymentProcessed", SagaFixtures.paymentProcessed(order, userId, product, 2, "59.80")));

    JsonNode after = awaitTimeline(order, 3);
    assertThat(after.get("status").asString()).isEqualTo("RESERVED");
    assertThat(after.get("timeline").get(2).get("detail").asString())
        .contains("recorded after the order had reached RESERVED");
  }

  @Test
  void everyConsumedEventDeliveredTwiceTakesEffectOnce() {
    String completed = place();
    Map<String, ProducerRecord<String, byte[]>> steps = new java.util.LinkedHashMap<>();
    steps.put("PAID", payment("PaymentProcessed", SagaFixtures.paymentProcessed(completed, userId, product, 2, "59.80")));
    steps.put("RESERVED", inventory("InventoryReserved", SagaFixtures.inventoryReserved(completed, product, 2)));
    steps.put("COMPLETED", shipping("ShipmentCreated", SagaFixtures.shipmentCreated(completed, userId, "TRACK-2X")));
    steps.forEach((status, event) -> {
      send(event);
      send(event);
      awaitStatus(completed, status);
    });
    String declined = place();
    ProducerRecord<String, byte[]> failure = payment("PaymentFailed",
        SagaFixtures.paymentFailed(declined, userId, "card-declined"));
    send(failure);
    send(failure);
    String shortOfStock = paid();
    ProducerRecord<String, byte[]> insufficient = inventory("InventoryInsufficient",
        SagaFixtures.inventoryInsufficient(shortOfStock, product, 2, 0));
    send(insufficient);
    send(insufficient);
    String unshippable = paid();
    send(inventory("InventoryReserved", SagaFixtures.inventoryReserved(unshippable, product, 2)));
    awaitStatus(unshippable, "RESERVED");
    ProducerRecord<String, byte[]> shipmentFailed = shipping("ShipmentFailed",
        SagaFixtures.shipmentFailed(unshippable, userId, "invalid-address"));
    send(shipmentFailed);
    send(shipmentFailed);
    List<ProducerRecord<String, byte[]>> compensations = List.of(
        payment("PaymentRefunded", SagaFixtures.paymentRefunded(declined, userId, "59.80", "payment-declined")),
        inventory("InventoryReleased", SagaFixtures.inventoryReleased(shortOfStock, product, 2, "insufficient-stock")),
        shipping("ShipmentCancelled", SagaFixtures.shipmentCancelled(unshippable, userId, "shipment-failed")));
    for (ProducerRecord<String, byte[]> compensation : compensations) {
      send(compensation);
      send(compensation);
    }
    // A fresh event of each order on each topic after the duplicates: same key, same partition, so
    // once these are processed the duplicates before them were read too.
    for (String order : List.of(completed, declined, shortOfStock, unshippable)) {
      awaitProcessed(send(payment("PaymentRefunded", SagaFixtures.paymentRefunded(order, userId, "1.00", "x"))));
      awaitProcessed(send(inventory("InventoryReleased", SagaFixtures.inventoryReleased(order, product, 1, "x"))));
      awaitProcessed(send(shipping("ShipmentCancelled", SagaFixtures.shipmentCancelled(order, userId, "x"))));
    }

    assertThat(fetch(completed).get("status").asString()).isEqualTo("COMPLETED");
    // Steps that change the status come first, in order; compensations and the closing events of
    // the three topics follow in an order no topic promises.
    assertSteps(fetch(completed), List.of("created", "payment-processed", "inventory-reserved", "shipment-created",
        "completed"), List.of("payment-refunded", "inventory-released", "shipment-cancelled"));
    assertSteps(fetch(declined), List.of("created", "payment-failed", "cancelled"),
        List.of("payment-refunded", "payment-refunded", "inventory-released", "shipment-cancelled"));
    assertSteps(fetch(shortOfStock), List.of("created", "payment-processed", "inventory-insufficient", "cancelled"),
        List.of("inventory-released", "payment-refunded", "inventory-released", "shipment-cancelled"));
    assertSteps(fetch(unshippable), List.of("created", "payment-processed", "inventory-reserved", "shipment-failed",
        "cancelled"), List.of("shipment-cancelled", "payment-refunded", "inventory-released", "shipment-cancelled"));
    assertThat(eventsOf(completed)).extracting(r -> header(r, "ce_type")).containsExactly("OrderCreated", "OrderCompleted");
    for (String cancelled : List.of(declined, shortOfStock, unshippable)) {
      assertThat(eventsOf(cancelled)).extracting(r -> header(r, "ce_type"))
          .containsExactly("OrderCreated", "OrderCancelled");
    }
  }

  @Test
  void anEventAboutAnUnknownOrderGoesToTheDeadLetterTopic() {
    String stranger = UUID.randomUUID().toString();
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.payments()))) {
      send(payment("PaymentProcessed", SagaFixtures.paymentProcessed(stranger, userId, product, 1, "1.00")));

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> stranger.equals(r.key())), "the event in the DLT");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE id = :id::uuid").param("id", stranger)
        .query(Long.class).single()).isZero();
  }

  @Test
  void everyEmittedEventMatchesItsSchema() {
    String completed = place();
    send(shipping("ShipmentCreated", SagaFixtures.shipmentCreated(completed, userId, "TRACK-S")));
    String cancelled = place();
    send(payment("PaymentFailed", SagaFixtures.paymentFailed(cancelled, userId, "invalid-payment")));
    awaitEvent(completed, "OrderCompleted");
    awaitEvent(cancelled, "OrderCancelled");

    List<ConsumerRecord<String, byte[]>> all = orderEvents.drain(Duration.ofMillis(200));
    for (ConsumerRecord<String, byte[]> record : all) {
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(schemas.violations(header(record, "ce_type"), json)).as(json).isEmpty();
      assertThat(header(record, "ce_subject")).isEqualTo(record.key());
      assertThat(header(record, "ce_source")).isEqualTo("/services/order");
    }
    assertThat(all).extracting(r -> header(r, "ce_type")).contains("OrderCreated", "OrderCompleted", "OrderCancelled");
  }

  private String place() {
    TestResponse response = shopper.header("Idempotency-Key", UUID.randomUUID().toString())
        .post("/api/orders", order(List.of(item(product, 2))));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private String paid() {
    String order = place();
    send(payment("PaymentProcessed", SagaFixtures.paymentProcessed(order, userId, product, 2, "59.80")));
    awaitStatus(order, "PAID");
    return order;
  }

  private ProducerRecord<String, byte[]> payment(String type, Map<String, Object> data) {
    return OrderTestSupport.event(codec, topics.payments(), "payment", type, (String) data.get("orderId"), data);
  }

  private ProducerRecord<String, byte[]> inventory(String type, Map<String, Object> data) {
    return OrderTestSupport.event(codec, topics.inventory(), "inventory", type, (String) data.get("orderId"), data);
  }

  private ProducerRecord<String, byte[]> shipping(String type, Map<String, Object> data) {
    return OrderTestSupport.event(codec, topics.shipping(), "shipping", type, (String) data.get("orderId"), data);
  }

  /** Sends the record and returns its CloudEvents id. */
  private String send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
  }

  private JsonNode fetch(String id) {
    TestResponse response = shopper.get("/api/orders/" + id);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private JsonNode awaitStatus(String id, String status) {
    await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(fetch(id).get("status").asString()));
    return fetch(id);
  }

  private JsonNode awaitTimeline(String id, int entries) {
    await().atMost(Duration.ofSeconds(30)).until(() -> fetch(id).get("timeline").size() >= entries);
    return fetch(id);
  }

  private static void assertSteps(JsonNode order, List<String> first, List<String> thenInAnyOrder) {
    List<String> steps = steps(order);
    assertThat(steps).as("timeline").hasSize(first.size() + thenInAnyOrder.size());
    assertThat(steps.subList(0, first.size())).as("timeline").containsExactlyElementsOf(first);
    assertThat(steps.subList(first.size(), steps.size())).as("timeline")
        .containsExactlyInAnyOrderElementsOf(thenInAnyOrder);
  }

  private static List<String> steps(JsonNode order) {
    return StreamSupport.stream(order.get("timeline").spliterator(), false).map(s -> s.get("step").asString()).toList();
  }

  private void awaitProcessed(String eventId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT count(*) FROM event_inbox WHERE event_id = :id").param("id", eventId).query(Long.class).single() == 1);
  }

  private ConsumerRecord<String, byte[]> awaitEvent(String orderId, String type) {
    ConsumerRecord<String, byte[]> record = orderEvents.awaitUntil(
        records -> records.stream().anyMatch(r -> orderId.equals(r.key()) && type.equals(header(r, "ce_type"))),
        type + " of " + orderId).stream()
        .filter(r -> orderId.equals(r.key()) && type.equals(header(r, "ce_type"))).findFirst().orElseThrow();
    String json = new String(record.value(), StandardCharsets.UTF_8);
    assertThat(schemas.violations(type, json)).as(json).isEmpty();
    return record;
  }

  /** The order's events once the relay has had time to publish everything pending. */
  private List<ConsumerRecord<String, byte[]>> eventsOf(String orderId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT count(*) FROM event_outbox WHERE published_at IS NULL").query(Long.class).single() == 0);
    return orderEvents.drain(Duration.ofSeconds(1)).stream().filter(r -> orderId.equals(r.key())).toList();
  }

  private JsonNode data(ConsumerRecord<String, byte[]> record) {
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(record.value());
  }
}
