package dev.emporium.payment.processor;

import static dev.emporium.payment.PaymentTestSupport.awaitEvent;
import static dev.emporium.payment.PaymentTestSupport.item;
import static dev.emporium.payment.PaymentTestSupport.orderCancelled;
import static dev.emporium.payment.PaymentTestSupport.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.payment.PaymentTestSupport;
import dev.emporium.payment.PaymentTestSupport.Topics;
import dev.emporium.payment.Psp;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
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

/**
 * A processor that keeps failing, in the default {@code fail} mode: retries run out, the breaker
 * opens over the calls of a few payments, later payments fail at once without a call, the service
 * stays ready, and when the processor heals the breaker closes again through its half-open probes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessorUnavailableIT {

  static final TestDatabase db = PostgresDatabases.create(ProcessorUnavailableIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final Psp psp = Psp.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Map<String, String> properties = PaymentTestSupport.properties(db, kafka, topics, psp);
    properties.put("emporium.payment.processor.breaker.open-duration", "3s");
    PaymentTestSupport.register(registry, properties);
  }

  @AfterAll
  static void stopPsp() {
    psp.close();
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired JsonMapper mapper;
  @Autowired CircuitBreaker breaker;
  KafkaProducer<String, byte[]> producer;
  TopicReader paymentEvents;

  @BeforeEach
  void setUp() {
    breaker.reset();
    producer = kafka.producer();
    paymentEvents = kafka.reader(topics.payments());
  }

  @AfterEach
  void tearDown() {
    psp.reset();
    producer.close();
    paymentEvents.close();
  }

  @Test
  void failingProcessorOpensTheBreakerFailsPaymentsAsProcessorUnavailableAndHeals() throws Exception {
    psp.behave(Map.of("failureRate", 1));

    // One payment after the other: four calls each (the first and three retries), all answered 503;
    // the tenth failed call opens the breaker, in the middle of the third payment's retries.
    List<String> failing = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String order = orders(1).getFirst();
      failing.add(order);
      JsonNode failed = mapper.readTree(awaitEvent(paymentEvents, order, "PaymentFailed").value());
      assertThat(failed.get("reason").asString()).isEqualTo("processor-unavailable");
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(failing).extracting(o -> psp.calls(o).size()).containsExactly(4, 4, 2);
    assertThat(psp.calls(failing.getFirst())).allSatisfy(call -> assertThat(call.status()).isEqualTo(503));
    HttpTestClient service = HttpTestClient.forPort(port);
    assertThat(service.get("/metrics").body())
        .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*state=\"open\"[^}]*\\} 1.0");
    assertThat(service.get("/health/ready").status()).as("an open breaker does not make the service unready")
        .isEqualTo(200);

    String whileOpen = orders(1).getFirst();
    JsonNode fast = mapper.readTree(awaitEvent(paymentEvents, whileOpen, "PaymentFailed").value());
    assertThat(fast.get("reason").asString()).isEqualTo("processor-unavailable");
    assertThat(fast.get("detail").asString()).contains("circuit breaker is open");
    assertThat(psp.calls(whileOpen)).isEmpty();
    JsonNode payment = service.as("u-down").get("/api/payments/" + whileOpen).json();
    assertThat(payment.get("status").asString()).isEqualTo("FAILED");
    assertThat(payment.get("attempts").asInt()).isZero();

    psp.reset();
    await().atMost(PaymentTestSupport.WAIT).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
    List<String> healed = orders(3);
    for (String order : healed) {
      awaitEvent(paymentEvents, order, "PaymentProcessed");
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aTimedOutChargeThatWasCapturedAfterAllIsRefundedWhenTheFailedOrderIsCancelled() throws Exception {
    // Every call outlasts the 2 s timeout but still reaches the processor, which charges the first.
    psp.behave(Map.of("latencyMs", 2_600));
    String order = orders(1).getFirst();
    JsonNode failed = mapper.readTree(awaitEvent(paymentEvents, order, "PaymentFailed").value());
    assertThat(failed.get("reason").asString()).isEqualTo("processor-unavailable");
    await().atMost(PaymentTestSupport.WAIT).until(() -> psp.moved(order) == 1);
    psp.reset();

    // The order service cancels the order because its payment failed.
    producer.send(orderCancelled(codec, topics.orders(), order, "u-down", "payment-failed", "PENDING")).get();

    JsonNode refunded = mapper.readTree(awaitEvent(paymentEvents, order, "PaymentRefunded").value());
    assertThat(refunded.get("reason").asString()).isEqualTo("payment-failed");
    assertThat(psp.moved(order)).as("the capture was found again under its key, not made twice").isEqualTo(1);
    assertThat(psp.moved("refund-" + order)).isEqualTo(1);
    JsonNode payment = HttpTestClient.forPort(port).as("u-down").get("/api/payments/" + order).json();
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    assertThat(payment.get("timeline").valueStream().map(s -> s.get("step").asString()))
        .containsSubsequence("failed", "settle-requested", "captured", "refund-requested", "refunded");
  }

  private List<String> orders(int count) throws Exception {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String order = UUID.randomUUID().toString();
      orders.add(order);
      producer.send(orderCreated(codec, topics.orders(), order, "u-down", "15.00", "tok_visa",
          List.of(item(UUID.randomUUID(), 1, "15.00")))).get();
    }
    return orders;
  }
}
