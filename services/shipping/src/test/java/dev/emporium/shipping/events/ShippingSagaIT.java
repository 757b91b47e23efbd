package dev.emporium.shipping.events;

import static dev.emporium.shipping.ShippingTestSupport.header;
import static dev.emporium.shipping.ShippingTestSupport.inventoryReserved;
import static dev.emporium.shipping.ShippingTestSupport.newOrderId;
import static dev.emporium.shipping.ShippingTestSupport.orderCancelled;
import static dev.emporium.shipping.ShippingTestSupport.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import dev.emporium.shipping.ShippingTestSupport;
import dev.emporium.shipping.ShippingTestSupport.Topics;
import dev.emporium.shipping.shipment.TrackingNumbers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

/** The shipping service's part of the saga, driven the way the order and inventory services drive it: by events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShippingSagaIT {

  static final TestDatabase db = PostgresDatabases.create(ShippingSagaIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ShippingTestSupport.register(registry, db, kafka, topics);
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired EventSchemas schemas;
  @Autowired JsonMapper mapper;
  @Autowired JdbcClient jdbc;
  HttpTestClient admin;
  KafkaProducer<String, byte[]> producer;
  TopicReader shippingEvents;

  @BeforeEach
  void setUp() {
    admin = HttpTestClient.forPort(port).as("admin-1", "admin");
    producer = kafka.producer();
    shippingEvents = kafka.reader(topics.shipping());
  }

  @AfterEach
  void tearDown() {
    producer.close();
    shippingEvents.close();
  }

  @Test
  void aReservedOrderShipsWithTheCarrierOfItsCountryAndACheckedTrackingNumber() throws Exception {
    String order = newOrderId();
    send(orderCreated(codec, topics.orders(), order, "user-1", "DE"));
    send(inventoryReserved(codec, topics.inventory(), order));

    ConsumerRecord<String, byte[]> event = awaitEvent(order);
    assertThat(header(event, "ce_type")).isEqualTo("ShipmentCreated");
    assertThat(header(event, "ce_source")).isEqualTo("/services/shipping");
    JsonNode data = mapper.readTree(event.value());
    assertThat(data.get("orderId").asString()).isEqualTo(order);
    assertThat(data.get("userId").asString()).isEqualTo("user-1");
    assertThat(data.get("carrier").asString()).isEqualTo("DHL");
    String tracking = data.get("trackingNumber").asString();
    assertThat(TrackingNumbers.isValid("EMP", tracking)).as(tracking).isTrue();

    JsonNode shipment = admin.get("/api/shipments/" + data.get("shipmentId").asString()).json();
    assertThat(shipment.get("status").asString()).isEqualTo("CREATED");
    assertThat(shipment.get("trackingNumber").asString()).isEqualTo(tracking);
    assertThat(shipment.get("destination").get("country").asString()).isEqualTo("DE");
    assertThat(shipment.get("items").valueStream().map(i -> i.get("name").asString() + "x" + i.get("quantity").asInt()))
        .containsExactly("Pour-over Kettlex1", "Stoneware Mugx2");
    assertThat(shipment.get("lines")).hasSize(3);
  }

  @Test
  void aReservationArrivingBeforeItsOrderIsKeptAndShipsWhenTheOrderArrives() throws Exception {
    String order = newOrderId();
    awaitProcessed(SagaListeners.INVENTORY_RESERVED, send(inventoryReserved(codec, topics.inventory(), order)));
    assertThat(eventsOf(order, Duration.ofMillis(500))).as("nothing until the order is known").isEmpty();
    assertThat(outcome(order)).isEqualTo("PENDING");

    send(orderCreated(codec, topics.orders(), order, "user-2", "FR"));

    ConsumerRecord<String, byte[]> event = awaitEvent(order);
    assertThat(header(event, "ce_type")).isEqualTo("ShipmentCreated");
    assertThat(mapper.readTree(event.value()).get("carrier").asString()).isEqualTo("Colissimo");
    assertThat(deadLetters(order)).as("no retries, no dead letters").isZero();
  }

  @Test
  void aDestinationOutsideTheServiceableCountriesFailsTheShipment() throws Exception {
    String order = newOrderId();
    send(orderCreated(codec, topics.orders(), order, "user-3", "JP"));
    send(inventoryReserved(codec, topics.inventory(), order));

    ConsumerRecord<String, byte[]> event = awaitEvent(order);
    assertThat(header(event, "ce_type")).isEqualTo("ShipmentFailed");
    JsonNode data = mapper.readTree(event.value());
    assertThat(data.get("reason").asString()).isEqualTo("address-unserviceable");
    assertThat(data.get("userId").asString()).isEqualTo("user-3");
    assertThat(data.get("detail").asString()).contains("JP");
    assertThat(admin.get("/api/shipments?orderId=" + order).status()).as("no shipment").isEqualTo(404);
    assertThat(outcome(order)).isEqualTo("FAILED");
  }

  @Test
  void anAddressWithoutAStreetFailsTheShipmentAsInvalid() throws Exception {
    String order = newOrderId();
    Map<String, Object> address = Map.of("name", "Ada", "city", "Berlin", "postalCode", "10117", "country", "DE");
    send(ShippingTestSupport.event(codec, topics.orders(), "/services/order", "OrderCreated", order,
        ShippingTestSupport.orderCreatedData(order, "user-4", address)));
    send(inventoryReserved(codec, topics.inventory(), order));

    JsonNode data = mapper.readTree(awaitEvent(order).value());
    assertThat(data.get("reason").asString()).isEqualTo("invalid-address");
    assertThat(data.get("detail").asString()).contains("line1");
  }

  @Test
  void cancellationBeforeTheHandOverCancelsTheShipment() throws Exception {
    String order = newOrderId();
    send(orderCreated(codec, topics.orders(), order, "user-5", "DE"));
    send(inventoryReserved(codec, topics.inventory(), order));
    awaitEvent(order);

    send(orderCancelled(codec, topics.orders(), order, "user-5", "timeout"));

    List<ConsumerRecord<String, byte[]>> mine = shippingEvents.awaitUntil(
        records -> records.stream().filter(r -> order.equals(r.key())).count() >= 2, "created and cancelled")
        .stream().filter(r -> order.equals(r.key())).toList();
    assertThat(mine).extracting(r -> header(r, "ce_type")).containsExactly("ShipmentCreated", "ShipmentCancelled");
    JsonNode cancelled = mapper.readTree(mine.get(1).value());
    assertThat(cancelled.get("reason").asString()).isEqualTo("timeout");
    assertThat(cancelled.get("shipmentId").asString())
        .isEqualTo(mapper.readTree(mine.get(0).value()).get("shipmentId").asString());
    JsonNode shipment = admin.get("/api/shipments?orderId=" + order).json();
    assertThat(shipment.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(shipment.get("cancelReason").asString()).isEqualTo("timeout");
  }

  @Test
  void aCancellationArrivingFirstIsRememberedSoALateReservationShipsNothing() throws Exception {
    String order = newOrderId();
    awaitProcessed(SagaListeners.ORDER_CREATED, send(orderCreated(codec, topics.orders(), order, "user-6", "DE")));
    awaitProcessed(SagaListeners.ORDER_CANCELLED,
        send(orderCancelled(codec, topics.orders(), order, "user-6", "payment-declined")));

    awaitProcessed(SagaListeners.INVENTORY_RESERVED, send(inventoryReserved(codec, topics.inventory(), order)));

    assertThat(eventsOf(order, Duration.ofSeconds(1))).isEmpty();
    assertThat(outcome(order)).isEqualTo("CANCELLED");
    assertThat(admin.get("/api/shipments?orderId=" + order).status()).isEqualTo(404);
  }

  @Test
  void aCancellationArrivingBeforeBothOrderAndReservationShipsNothing() throws Exception {
    String order = newOrderId();
    awaitProcessed(SagaListeners.ORDER_CANCELLED,
        send(orderCancelled(codec, topics.orders(), order, "user-7", "timeout")));
    awaitProcessed(SagaListeners.INVENTORY_RESERVED, send(inventoryReserved(codec, topics.inventory(), order)));
    awaitProcessed(SagaListeners.ORDER_CREATED, send(orderCreated(codec, topics.orders(), order, "user-7", "DE")));

    assertThat(eventsOf(order, Duration.ofSeconds(1))).isEmpty();
    assertThat(admin.get("/api/shipments?orderId=" + order).status()).isEqualTo(404);
  }

  @Test
  void aCancellationAfterTheHandOverLeavesTheShipmentWithTheCarrier() throws Exception {
    String order = newOrderId();
    send(orderCreated(codec, topics.orders(), order, "user-8", "DE"));
    send(inventoryReserved(codec, topics.inventory(), order));
    String shipmentId = mapper.readTree(awaitEvent(order).value()).get("shipmentId").asString();
    assertThat(admin.post("/api/shipments/" + shipmentId + "/dispatch", Map.of()).status()).isEqualTo(200);

    awaitProcessed(SagaListeners.ORDER_CANCELLED,
        send(orderCancelled(codec, topics.orders(), order, "user-8", "timeout")));

    assertThat(eventsOf(order, Duration.ofSeconds(1))).extracting(r -> header(r, "ce_type"))
        .containsExactly("ShipmentCreated", "ShipmentDispatched");
    assertThat(admin.get("/api/shipments/" + shipmentId).json().get("status").asString()).isEqualTo("DISPATCHED");
  }

  @Test
  void everyEventDeliveredTwiceMakesOneShipmentAndOneCancellation() throws Exception {
    String order = newOrderId();
    ProducerRecord<String, byte[]> created = orderCreated(codec, topics.orders(), order, "user-9", "DE");
    ProducerRecord<String, byte[]> reserved = inventoryReserved(codec, topics.inventory(), order);
    send(reserved);
    send(created);
    send(reserved);
    send(created);
    // The producers publishing again with new event ids (at-least-once, a replay) is absorbed too.
    send(orderCreated(codec, topics.orders(), order, "user-9", "DE"));
    awaitProcessed(SagaListeners.INVENTORY_RESERVED, send(inventoryReserved(codec, topics.inventory(), order)));
    awaitEvent(order);

    ProducerRecord<String, byte[]> cancelled = orderCancelled(codec, topics.orders(), order, "user-9", "timeout");
    send(cancelled);
    awaitProcessed(SagaListeners.ORDER_CANCELLED, send(cancelled));

    List<ConsumerRecord<String, byte[]>> mine = eventsOf(order, Duration.ofSeconds(1));
    assertThat(mine).extracting(r -> header(r, "ce_type")).containsExactly("ShipmentCreated", "ShipmentCancelled");
    assertThat(jdbc.sql("SELECT count(*) FROM shipments WHERE order_id = :o").param("o", order).query(Long.class)
        .single()).isEqualTo(1);
  }

  @Test
  void everyEmittedEventMatchesItsSchema() throws Exception {
    String shipped = newOrderId();
    String failed = newOrderId();
    send(orderCreated(codec, topics.orders(), shipped, "user-10", "US"));
    send(inventoryReserved(codec, topics.inventory(), shipped));
    send(orderCreated(codec, topics.orders(), failed, "user-10", "BR"));
    send(inventoryReserved(codec, topics.inventory(), failed));
    String shipmentId = mapper.readTree(awaitEvent(shipped).value()).get("shipmentId").asString();
    awaitEvent(failed);
    assertThat(admin.post("/api/shipments/" + shipmentId + "/dispatch", Map.of()).status()).isEqualTo(200);
    assertThat(admin.post("/api/shipments/" + shipmentId + "/deliver", Map.of()).status()).isEqualTo(200);
    String cancelled = newOrderId();
    send(orderCreated(codec, topics.orders(), cancelled, "user-10", "GB"));
    send(inventoryReserved(codec, topics.inventory(), cancelled));
    awaitEvent(cancelled);
    send(orderCancelled(codec, topics.orders(), cancelled, "user-10", "x".repeat(2_000)));

    List<ConsumerRecord<String, byte[]>> all = shippingEvents.awaitUntil(records -> records.stream()
        .anyMatch(r -> cancelled.equals(r.key()) && "ShipmentCancelled".equals(header(r, "ce_type"))), "the cancel");
    for (ConsumerRecord<String, byte[]> record : all) {
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(schemas.violations(header(record, "ce_type"), json)).as(json).isEmpty();
      assertThat(header(record, "ce_subject")).isEqualTo(record.key());
      assertThat(header(record, "ce_dataschema")).isEqualTo("urn:emporium:events:" + header(record, "ce_type"));
    }
    assertThat(all).extracting(r -> header(r, "ce_type")).contains("ShipmentCreated", "ShipmentFailed",
        "ShipmentCancelled", "ShipmentDispatched", "ShipmentDelivered");
  }

  @Test
  void aReservationWithoutLinesGoesToTheDeadLetterTopicAndShipsNothing() throws Exception {
    String order = newOrderId();
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.inventory()))) {
      send(ShippingTestSupport.event(codec, topics.inventory(), "/services/inventory", "InventoryReserved", order,
          Map.of("orderId", order, "lines", List.of(), "occurredAt", "2026-11-24T10:52:03Z")));

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())), "the reservation in the DLT");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM shipping_orders WHERE order_id = :o AND reserved_lines IS NOT NULL")
        .param("o", order).query(Long.class).single()).isZero();
  }

  @Test
  void otherEventTypesOnTheConsumedTopicsAreNotThisServicesBusiness() throws Exception {
    String order = newOrderId();
    send(ShippingTestSupport.event(codec, topics.inventory(), "/services/inventory", "InventoryInsufficient", order,
        Map.of("orderId", order)));
    send(ShippingTestSupport.event(codec, topics.orders(), "/services/order", "OrderCompleted", order,
        Map.of("orderId", order)));
    // Same key, same partition: once these are processed, the events before them were read.
    awaitProcessed(SagaListeners.INVENTORY_RESERVED, send(inventoryReserved(codec, topics.inventory(), order)));
    awaitProcessed(SagaListeners.ORDER_CREATED, send(orderCreated(codec, topics.orders(), order, "user-11", "DE")));

    assertThat(jdbc.sql("SELECT count(*) FROM event_inbox WHERE event_type IN ('InventoryInsufficient', 'OrderCompleted')")
        .query(Long.class).single()).isZero();
    assertThat(header(awaitEvent(order), "ce_type")).isEqualTo("ShipmentCreated");
  }

  /** Sends the record and returns its CloudEvents id. */
  private String send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get();
    return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
  }

  private ConsumerRecord<String, byte[]> awaitEvent(String order) {
    return shippingEvents.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())),
        "a shipping event of " + order).stream().filter(r -> order.equals(r.key())).findFirst().orElseThrow();
  }

  private List<ConsumerRecord<String, byte[]>> eventsOf(String order, Duration quiet) {
    return shippingEvents.drain(quiet).stream().filter(r -> order.equals(r.key())).toList();
  }

  private String outcome(String order) {
    return jdbc.sql("SELECT outcome FROM shipping_orders WHERE order_id = :o").param("o", order).query(String.class)
        .single();
  }

  private long deadLetters(String order) {
    try (TopicReader orders = kafka.reader(DeadLetters.topicFor(topics.orders()));
        TopicReader inventory = kafka.reader(DeadLetters.topicFor(topics.inventory()))) {
      return Stream.concat(orders.drain(Duration.ofSeconds(1)).stream(),
          inventory.drain(Duration.ofSeconds(1)).stream()).filter(r -> order.equals(r.key())).count();
    }
  }

  /** Waits until {@code consumer} has processed the event with this id (later records of its key come after it). */
  private void awaitProcessed(String consumer, String eventId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
            "SELECT count(*) FROM event_inbox WHERE consumer = :c AND event_id = :id")
        .param("c", consumer).param("id", eventId).query(Long.class).single() == 1);
  }
}
