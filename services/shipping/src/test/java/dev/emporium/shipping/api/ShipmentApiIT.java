package dev.emporium.shipping.api;

import static dev.emporium.shipping.ShippingTestSupport.header;
import static dev.emporium.shipping.ShippingTestSupport.inventoryReserved;
import static dev.emporium.shipping.ShippingTestSupport.newOrderId;
import static dev.emporium.shipping.ShippingTestSupport.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import dev.emporium.shipping.ShippingTestSupport;
import dev.emporium.shipping.ShippingTestSupport.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shipments API: who may read a shipment, and the admins' moves with their events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShipmentApiIT {

  static final TestDatabase db = PostgresDatabases.create(ShipmentApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ShippingTestSupport.register(registry, db, kafka, topics);
    // Configurable carriers and countries: only these two are served here.
    registry.add("emporium.shipping.serviceable-countries", () -> "de,nl");
    registry.add("emporium.shipping.carriers.NL", () -> "PostNL Pakket");
    registry.add("emporium.shipping.tracking-prefix", () -> "EMT");
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired JsonMapper mapper;
  HttpTestClient anonymous;
  HttpTestClient admin;
  HttpTestClient owner;
  HttpTestClient stranger;
  KafkaProducer<String, byte[]> producer;
  TopicReader shippingEvents;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
    admin = anonymous.as("admin-1", "admin");
    owner = anonymous.as("owner-1", "customer");
    stranger = anonymous.as("stranger-1", "customer");
    producer = kafka.producer();
    shippingEvents = kafka.reader(topics.shipping());
  }

  @AfterEach
  void tearDown() {
    producer.close();
    shippingEvents.close();
  }

  @Test
  void theOwnerAndAdminsSeeAShipmentAndAnybodyElseIsToldItDoesNotExist() throws Exception {
    String order = newOrderId();
    String id = ship(order, "owner-1", "NL");

    TestResponse mine = owner.get("/api/shipments/" + id);
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(mine.json().get("orderId").asString()).isEqualTo(order);
    assertThat(mine.json().get("carrier").asString()).isEqualTo("PostNL Pakket");
    assertThat(mine.json().get("trackingNumber").asString()).startsWith("EMT").hasSize(13);
    assertThat(owner.get("/api/shipments?orderId=" + order).json().get("shipmentId").asString()).isEqualTo(id);
    assertThat(admin.get("/api/shipments/" + id).status()).isEqualTo(200);
    assertThat(admin.get("/api/shipments?orderId=" + order).status()).isEqualTo(200);

    TestResponse theirs = stranger.get("/api/shipments/" + id);
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.contentType()).startsWith("application/problem+json");
    assertThat(theirs.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
    assertThat(stranger.get("/api/shipments?orderId=" + order).status()).isEqualTo(404);
    assertThat(anonymous.get("/api/shipments/" + id).status()).isEqualTo(401);
    assertThat(anonymous.get("/api/shipments?orderId=" + order).status()).isEqualTo(401);
    assertThat(admin.get("/api/shipments/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void aMissingOrOversizedOrderIdIsAValidationProblemNamingIt() {
    for (String query : List.of("", "?orderId=", "?orderId=" + "x".repeat(101))) {
      TestResponse response = admin.get("/api/shipments" + query);

      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
      assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("orderId");
    }
    assertThat(admin.get("/api/shipments/not-a-uuid").status()).isEqualTo(400);
  }

  @Test
  void adminsDispatchThenDeliverAndEachMovePublishesItsEvent() throws Exception {
    String order = newOrderId();
    String id = ship(order, "owner-1", "DE");

    TestResponse early = admin.post("/api/shipments/" + id + "/deliver", Map.of());
    assertThat(early.status()).as("not dispatched yet").isEqualTo(409);
    assertThat(early.json().get("detail").asString()).contains("CREATED");

    TestResponse dispatched = admin.post("/api/shipments/" + id + "/dispatch", Map.of());
    assertThat(dispatched.status()).isEqualTo(200);
    assertThat(dispatched.json().get("status").asString()).isEqualTo("DISPATCHED");
    assertThat(dispatched.json().has("dispatchedAt")).isTrue();
    assertThat(admin.post("/api/shipments/" + id + "/dispatch", Map.of()).status()).as("a retry").isEqualTo(200);
    TestResponse delivered = admin.post("/api/shipments/" + id + "/deliver", Map.of());
    assertThat(delivered.json().get("status").asString()).isEqualTo("DELIVERED");
    assertThat(admin.post("/api/shipments/" + id + "/dispatch", Map.of()).status()).isEqualTo(409);
    assertThat(owner.get("/api/shipments/" + id).json().get("status").asString()).isEqualTo("DELIVERED");

    List<ConsumerRecord<String, byte[]>> mine = shippingEvents.awaitUntil(
        records -> records.stream().filter(r -> order.equals(r.key())).count() >= 3, "three events").stream()
        .filter(r -> order.equals(r.key())).toList();
    assertThat(mine).extracting(r -> header(r, "ce_type"))
        .containsExactly("ShipmentCreated", "ShipmentDispatched", "ShipmentDelivered");
    assertThat(shippingEvents.drain(Duration.ofMillis(500)).stream().filter(r -> order.equals(r.key())))
        .as("the repeated dispatch published nothing").hasSize(3);
  }

  @Test
  void onlyAdminsMoveShipments() throws Exception {
    String id = ship(newOrderId(), "owner-1", "DE");

    TestResponse byOwner = owner.post("/api/shipments/" + id + "/dispatch", Map.of());
    assertThat(byOwner.status()).isEqualTo(403);
    assertThat(byOwner.json().get("type").asString()).isEqualTo("urn:emporium:problem:forbidden");
    assertThat(anonymous.post("/api/shipments/" + id + "/deliver", Map.of()).status()).isEqualTo(401);
    assertThat(admin.post("/api/shipments/" + UUID.randomUUID() + "/dispatch", Map.of()).status()).isEqualTo(404);
    assertThat(owner.get("/api/shipments/" + id).json().get("status").asString()).isEqualTo("CREATED");
  }

  @Test
  void theServiceableCountriesAreASetting() throws Exception {
    String order = newOrderId();
    producer.send(orderCreated(codec, topics.orders(), order, "owner-1", "FR")).get();
    producer.send(inventoryReserved(codec, topics.inventory(), order)).get();

    JsonNode data = mapper.readTree(awaitEvent(order).value());
    assertThat(data.get("reason").asString()).as("FR is served by default, not here").isEqualTo("address-unserviceable");
  }

  @Test
  void servesHealthMetricsAndOpenApi() {
    assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
    assertThat(anonymous.get("/metrics").body()).contains("application=\"shipping\"");
    assertThat(anonymous.get("/openapi").body()).contains("/api/shipments/{id}/dispatch");
  }

  /** Plays the order and the inventory service for {@code order}; returns the id of its shipment. */
  private String ship(String order, String userId, String country) throws Exception {
    producer.send(orderCreated(codec, topics.orders(), order, userId, country)).get();
    producer.send(inventoryReserved(codec, topics.inventory(), order)).get();
    ConsumerRecord<String, byte[]> created = awaitEvent(order);
    assertThat(header(created, "ce_type")).isEqualTo("ShipmentCreated");
    return mapper.readTree(created.value()).get("shipmentId").asString();
  }

  private ConsumerRecord<String, byte[]> awaitEvent(String order) {
    return shippingEvents.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())),
        "a shipping event of " + order).stream().filter(r -> order.equals(r.key())).findFirst().orElseThrow();
  }
}
