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
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
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
import tools.jackson.databind.json.JsonMapper;

/** The step timeout: orders that stay in a step too long are cancelled, once, whoever sweeps. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StepTimeoutIT {

  static final Duration STEP_TIMEOUT = Duration.ofSeconds(3);
  static final TestDatabase db = PostgresDatabases.create(StepTimeoutIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final FakeProductCatalog catalog = FakeProductCatalog.start();
  static final FakeCartService cart = FakeCartService.start();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static TopicReader orderEvents;
  static KafkaProducer<String, byte[]> producer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    OrderTestSupport.register(registry, db, kafka, topics, catalog, cart);
    registry.add("emporium.order.saga.step-timeout", () -> STEP_TIMEOUT.toMillis() + "ms");
    registry.add("emporium.order.saga.sweep-interval", () -> "200ms");
    registry.add("emporium.order.saga.sweep-batch-size", () -> "3");
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
  @Autowired OrderSaga saga;
  @Autowired JdbcClient jdbc;
  HttpTestClient shopper;
  String userId;
  String product;

  @BeforeEach
  void setUp() {
    userId = "u-" + UUID.randomUUID();
    shopper = HttpTestClient.forPort(port).as(userId);
    product = catalog.add("Lamp", "12.00");
  }

  @Test
  void aPendingOrderWithoutPaymentIsCancelledWithReasonTimeout() {
    String order = place();

    JsonNode cancelled = awaitStatus(order, "CANCELLED");

    assertThat(cancelled.get("cancellationReason").asString()).isEqualTo("timeout");
    JsonNode last = cancelled.get("timeline").get(cancelled.get("timeline").size() - 1);
    assertThat(last.get("step").asString()).isEqualTo("cancelled");
    assertThat(last.get("detail").asString()).startsWith("timeout").contains("PENDING");
    JsonNode event = JSON.readTree(awaitCancelled(order).value());
    assertThat(event.get("reason").asString()).isEqualTo("timeout");
    assertThat(event.get("previousStatus").asString()).isEqualTo("PENDING");
  }

  @Test
  void theTimeoutCountsFromTheLatestStep() {
    String order = place();
    send("PaymentProcessed", topics.payments(), SagaFixtures.paymentProcessed(order, userId, product, 1, "12.00"));
    JsonNode paid = awaitStatus(order, "PAID");
    Instant paidAt = Instant.parse(paid.get("updatedAt").asString());

    JsonNode cancelled = awaitStatus(order, "CANCELLED");

    assertThat(Instant.parse(cancelled.get("updatedAt").asString())).isAfterOrEqualTo(paidAt.plus(STEP_TIMEOUT));
    assertThat(JSON.readTree(awaitCancelled(order).value()).get("previousStatus").asString()).isEqualTo("PAID");
  }

  @Test
  void aCompletedOrderIsNeverTimedOut() throws Exception {
    String order = place();
    send("ShipmentCreated", topics.shipping(), SagaFixtures.shipmentCreated(order, userId, "TRACK-T"));
    awaitStatus(order, "COMPLETED");

    Thread.sleep(STEP_TIMEOUT.plusSeconds(1).toMillis());

    assertThat(fetch(order).get("status").asString()).isEqualTo("COMPLETED");
    assertThat(saga.cancelTimedOut()).isZero();
  }

  @Test
  void concurrentSweepersCancelEachOrderOnce() throws Exception {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      orders.add(place());
    }
    ExecutorService sweepers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> swept = new ArrayList<>();
      long until = System.nanoTime() + STEP_TIMEOUT.plusSeconds(3).toNanos();
      for (int i = 0; i < 4; i++) {
        swept.add(sweepers.submit(() -> {
          int cancelled = 0;
          while (System.nanoTime() < until) {
            cancelled += saga.cancelTimedOut();
          }
          return cancelled;
        }));
      }
      for (Future<Integer> future : swept) {
        future.get();
      }
    } finally {
      sweepers.shutdownNow();
    }

    for (String order : orders) {
      JsonNode cancelled = awaitStatus(order, "CANCELLED");
      assertThat(StreamSupport.stream(cancelled.get("timeline").spliterator(), false)
          .filter(s -> "cancelled".equals(s.get("step").asString()))).hasSize(1);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT count(*) FROM event_outbox WHERE published_at IS NULL").query(Long.class).single() == 0);
    List<ConsumerRecord<String, byte[]>> events = orderEvents.drain(Duration.ofSeconds(1));
    for (String order : orders) {
      assertThat(events).filteredOn(r -> order.equals(r.key()) && "OrderCancelled".equals(header(r, "ce_type")))
          .hasSize(1);
    }
  }

  private String place() {
    TestResponse response = shopper.header("Idempotency-Key", UUID.randomUUID().toString())
        .post("/api/orders", order(List.of(item(product, 1))));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private void send(String type, String topic, java.util.Map<String, Object> data) {
    String service = topic.startsWith("payment") ? "payment" : "shipping";
    try {
      producer.send(OrderTestSupport.event(codec, topic, service, type, (String) data.get("orderId"), data)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode fetch(String id) {
    return shopper.get("/api/orders/" + id).json();
  }

  private JsonNode awaitStatus(String id, String status) {
    await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(fetch(id).get("status").asString()));
    return fetch(id);
  }

  private ConsumerRecord<String, byte[]> awaitCancelled(String order) {
    return orderEvents.awaitUntil(records -> records.stream()
            .anyMatch(r -> order.equals(r.key()) && "OrderCancelled".equals(header(r, "ce_type"))), "OrderCancelled")
        .stream().filter(r -> order.equals(r.key()) && "OrderCancelled".equals(header(r, "ce_type")))
        .findFirst().orElseThrow();
  }
}
