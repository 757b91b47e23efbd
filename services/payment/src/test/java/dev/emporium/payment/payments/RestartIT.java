package dev.emporium.payment.payments;

import static dev.emporium.payment.PaymentTestSupport.awaitEvent;
import static dev.emporium.payment.PaymentTestSupport.item;
import static dev.emporium.payment.PaymentTestSupport.orderCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.payment.PaymentApplication;
import dev.emporium.payment.PaymentTestSupport;
import dev.emporium.payment.PaymentTestSupport.Topics;
import dev.emporium.payment.Psp;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pending payments survive a restart and are charged after it, never twice: the application is
 * stopped with payments recorded but their outcome not written (one whose charge had already
 * reached the processor, one still held by a lease of the instance that "crashed" mid-call, one
 * never tried), then started again on the same database and topics.
 */
class RestartIT {

  static final TestDatabase db = PostgresDatabases.create(RestartIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final Psp psp = Psp.start();
  static final Map<String, String> properties = PaymentTestSupport.properties(db, kafka, topics, psp);

  @AfterAll
  static void stopPsp() {
    psp.close();
  }

  @Test
  void pendingPaymentsAreChargedAfterARestartExactlyOnce() throws Exception {
    String alreadyCharged = UUID.randomUUID().toString();
    String leased = UUID.randomUUID().toString();
    String untried = UUID.randomUUID().toString();
    List<String> orders = List.of(alreadyCharged, leased, untried);

    // The first life: payments recorded, the charger not running (it crashed before writing outcomes).
    try (ConfigurableApplicationContext first = start(false)) {
      CloudEventCodec codec = first.getBean(CloudEventCodec.class);
      try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
        for (String order : orders) {
          producer.send(orderCreated(codec, topics.orders(), order, "u-restart", "42.50", "tok_visa",
              List.of(item(UUID.randomUUID(), 2, "21.25")))).get();
        }
      }
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      await().atMost(PaymentTestSupport.WAIT).until(() -> jdbc.sql(
          "SELECT count(*) FROM payments WHERE status = 'PENDING'").query(Long.class).single() == 3);
      // The crashed instance held this one; its lease has a little time left.
      jdbc.sql("UPDATE payments SET claim_token = :t, claimed_until = now() + interval '2 seconds' WHERE order_id = :o")
          .param("t", UUID.randomUUID()).param("o", leased).update();
    }
    // Before the crash two calls had reached the processor and been approved: exactly the request
    // the charger sends, under the order id as idempotency key.
    String firstCharge = chargeAtProcessor(alreadyCharged);
    String leasedCharge = chargeAtProcessor(leased);

    try (ConfigurableApplicationContext second = start(true);
        TopicReader paymentEvents = kafka.reader(topics.payments())) {
      for (String order : orders) {
        awaitEvent(paymentEvents, order, "PaymentProcessed");
      }
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      assertThat(paymentEvents.drain(Duration.ofSeconds(1))).as("one PaymentProcessed per order")
          .filteredOn(r -> orders.contains(r.key())).hasSize(3);
      for (String order : orders) {
        assertThat(psp.moved(order)).as("charges of " + order).isEqualTo(1);
      }
      assertThat(psp.calls(alreadyCharged)).extracting(Psp.Call::replayed).containsExactly(false, true);
      assertThat(chargeId(jdbc, alreadyCharged)).isEqualTo(firstCharge);
      assertThat(chargeId(jdbc, leased)).isEqualTo(leasedCharge);
      assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE status = 'CAPTURED'").query(Long.class).single())
          .isEqualTo(3);
    }
  }

  private static ConfigurableApplicationContext start(boolean charger) {
    Map<String, String> settings = new LinkedHashMap<>(properties);
    settings.put("server.port", "0");
    settings.put("emporium.payment.charger.enabled", String.valueOf(charger));
    // Command-line arguments: they take precedence over application.properties, as in a real run.
    String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    return new SpringApplicationBuilder(PaymentApplication.class).run(args);
  }

  private static String chargeAtProcessor(String order) {
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("amount", "42.50");
    amount.put("currency", "EUR");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", amount);
    body.put("paymentMethod", "tok_visa");
    body.put("orderId", order);
    body.put("description", "order " + order);
    TestResponse response = psp.client().header("Idempotency-Key", order).post("/v1/charges", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private static String chargeId(JdbcClient jdbc, String order) {
    return jdbc.sql("SELECT processor_charge_id FROM payments WHERE order_id = :o").param("o", order)
        .query(String.class).single();
  }
}
