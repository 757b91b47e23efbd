package dev.emporium.payment.payments;

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
import java.time.Duration;
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

/**
 * {@code on-processor-unavailable=wait}: while the processor is down payments stay pending and are
 * tried again with backoff; a cancellation meanwhile means they are never charged; the others
 * complete once the processor heals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WaitModeIT {

  static final TestDatabase db = PostgresDatabases.create(WaitModeIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final Psp psp = Psp.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Map<String, String> properties = PaymentTestSupport.properties(db, kafka, topics, psp);
    properties.put("emporium.payment.on-processor-unavailable", "wait");
    properties.put("emporium.payment.processor.breaker.open-duration", "1s");
    PaymentTestSupport.register(registry, properties);
  }

  @AfterAll
  static void stopPsp() {
    psp.close();
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  KafkaProducer<String, byte[]> producer;
  TopicReader paymentEvents;

  @BeforeEach
  void setUp() {
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
  void paymentsWaitForTheProcessorToHealAndACancelledOneIsNeverCharged() throws Exception {
    psp.behave(Map.of("failureRate", 1));
    String patient = UUID.randomUUID().toString();
    String cancelled = UUID.randomUUID().toString();
    for (String order : List.of(patient, cancelled)) {
      producer.send(orderCreated(codec, topics.orders(), order, "u-wait", "25.00", "tok_visa",
          List.of(item(UUID.randomUUID(), 1, "25.00")))).get();
    }

    await().atMost(PaymentTestSupport.WAIT).until(() -> steps(patient).contains("waiting") && steps(cancelled).contains("waiting"));
    assertThat(PaymentTestSupport.of(paymentEvents.drain(Duration.ofSeconds(1)), patient)).as("no PaymentFailed").isEmpty();
    assertThat(payment(patient).get("status").asString()).isEqualTo("PENDING");

    producer.send(orderCancelled(codec, topics.orders(), cancelled, "u-wait", "timeout", "PENDING")).get();
    await().atMost(PaymentTestSupport.WAIT).until(() -> "CANCELLED".equals(payment(cancelled).get("status").asString()));

    psp.reset();
    awaitEvent(paymentEvents, patient, "PaymentProcessed");
    JsonNode paid = payment(patient);
    assertThat(paid.get("status").asString()).isEqualTo("CAPTURED");
    assertThat(paid.get("attempts").asInt()).as("the calls that failed before healing count").isGreaterThan(1);
    assertThat(psp.moved(patient)).isEqualTo(1);

    assertThat(PaymentTestSupport.of(paymentEvents.drain(Duration.ofSeconds(2)), cancelled)).isEmpty();
    assertThat(psp.moved(cancelled)).as("the cancelled order was never charged").isZero();
    assertThat(payment(cancelled).get("status").asString()).isEqualTo("CANCELLED");
  }

  private JsonNode payment(String order) {
    return HttpTestClient.forPort(port).as("u-wait").get("/api/payments/" + order).json();
  }

  private List<String> steps(String order) {
    var response = HttpTestClient.forPort(port).as("u-wait").get("/api/payments/" + order);
    return response.status() != 200 ? List.of()
        : response.json().get("timeline").valueStream().map(s -> s.get("step").asString()).toList();
  }
}
