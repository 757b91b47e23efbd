package dev.emporium.notification.events;

import static dev.emporium.notification.NotificationTestSupport.delivered;
import static dev.emporium.notification.NotificationTestSupport.newUser;
import static dev.emporium.notification.NotificationTestSupport.orderCancelled;
import static dev.emporium.notification.NotificationTestSupport.orderCreated;
import static dev.emporium.notification.NotificationTestSupport.paymentProcessed;
import static dev.emporium.notification.NotificationTestSupport.phoneQuery;
import static dev.emporium.notification.NotificationTestSupport.shipmentCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.notification.FakeUserService;
import dev.emporium.notification.MessagingSimulator;
import dev.emporium.notification.NotificationTestSupport;
import dev.emporium.notification.NotificationTestSupport.Topics;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Each saga event becomes the right notifications, with the right words, on the right channels. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NotificationTestSupport.QueueCleanup.class)
@DirtiesContext
class NotificationFlowIT {

  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final MessagingSimulator simulator = MessagingSimulator.shared();
  static final FakeUserService users = FakeUserService.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    NotificationTestSupport.register(registry, kafka, topics, simulator, users);
  }

  @AfterAll
  static void stopUsers() {
    users.close();
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  HttpTestClient sim;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp() {
    sim = simulator.client();
    producer = kafka.producer();
  }

  @AfterEach
  void tearDown() {
    producer.close();
  }

  record Person(String id, String email, String phone) {}

  Person person(boolean withPhone) {
    String id = newUser();
    String email = id + "@example.org";
    String phone = withPhone ? "+49170" + String.format("%07d", Math.floorMod(id.hashCode(), 10_000_000)) : null;
    users.add(id, email, "Ada Lovelace", phone);
    return new Person(id, email, phone);
  }

  @Test
  void anOrderCreatedSendsAConfirmationMailWithTheLinesAndTotal() throws Exception {
    Person ada = person(true);
    String order = UUID.randomUUID().toString();

    send(orderCreated(codec, topics.orders(), order, ada.id()));

    JsonNode mail = awaitOne("mail", "to=" + ada.email());
    assertThat(mail.get("subject").asString()).isEqualTo("We have your order " + order);
    assertThat(mail.get("from").asString()).isEqualTo("orders@emporium.local");
    String text = mail.get("text").asString();
    assertThat(text).startsWith("Hello Ada Lovelace,").contains("order " + order)
        .contains("2 × Pour-over Kettle at 35.00 EUR").contains("1 × Mug <Blue> at 8.50 EUR").contains("Total: 78.50 EUR");
    assertThat(mail.get("html").asString()).contains("<li>1 × Mug &lt;Blue&gt; at 8.50 EUR</li>")
        .contains("Total: 78.50 EUR").doesNotContain("<Blue>");
    assertThat(mail.get("messageId").asString()).endsWith(".email@notification.emporium.local>");
    // Order confirmation is mail only by default.
    assertThat(delivered(sim, "push", "userId=" + ada.id())).isEmpty();
    assertThat(delivered(sim, "sms", phoneQuery(ada.phone()))).isEmpty();
  }

  @Test
  void aPaymentSendsAMailAndAPush() throws Exception {
    Person ada = person(true);
    String order = UUID.randomUUID().toString();

    send(paymentProcessed(codec, topics.payments(), order, ada.id()));

    JsonNode mail = awaitOne("mail", "to=" + ada.email());
    assertThat(mail.get("subject").asString()).isEqualTo("Payment received for order " + order);
    assertThat(mail.get("text").asString()).contains("payment of 78.50 EUR for order " + order);
    JsonNode push = awaitOne("push", "userId=" + ada.id());
    assertThat(push.get("title").asString()).isEqualTo("Payment received");
    assertThat(push.get("body").asString()).isEqualTo("78.50 EUR for order " + order);
    assertThat(push.get("idempotencyKey").asString()).endsWith(".push");
    assertThat(delivered(sim, "sms", phoneQuery(ada.phone()))).isEmpty();
  }

  @Test
  void aShipmentSendsMailPushAndSmsWithTheTrackingNumber() throws Exception {
    Person ada = person(true);
    String order = UUID.randomUUID().toString();

    send(shipmentCreated(codec, topics.shipping(), order, ada.id(), "TRK-123456"));

    assertThat(awaitOne("mail", "to=" + ada.email()).get("text").asString())
        .contains("has been handed to DHL").contains("Tracking number: TRK-123456");
    assertThat(awaitOne("push", "userId=" + ada.id()).get("body").asString()).contains("TRK-123456");
    JsonNode sms = awaitOne("sms", phoneQuery(ada.phone()));
    assertThat(sms.get("body").asString())
        .isEqualTo("Emporium: your order " + order + " is on its way with DHL. Tracking number: TRK-123456");
    assertThat(sms.get("idempotencyKey").asString()).endsWith(".sms");
  }

  @Test
  void aShipmentToAUserWithoutAPhoneSendsNoSms() throws Exception {
    Person grace = person(false);
    String order = UUID.randomUUID().toString();
    double skippedBefore = metric("notification_deliveries_total", "outcome=\"skipped\"");

    send(shipmentCreated(codec, topics.shipping(), order, grace.id(), "TRK-NOPHONE"));

    awaitOne("mail", "to=" + grace.email());
    awaitOne("push", "userId=" + grace.id());
    await().atMost(Duration.ofSeconds(30))
        .until(() -> metric("notification_deliveries_total", "outcome=\"skipped\"") > skippedBefore);
    assertThat(sim.get("/v1/sms?limit=1000").body()).doesNotContain("TRK-NOPHONE");
  }

  @Test
  void aCancellationSaysWhyInWordsAndWhatHappensToThePayment() throws Exception {
    Person ada = person(true);
    String order = UUID.randomUUID().toString();

    send(orderCancelled(codec, topics.orders(), order, ada.id(), "insufficient-stock", "PAID"));

    JsonNode mail = awaitOne("mail", "to=" + ada.email());
    assertThat(mail.get("subject").asString()).isEqualTo("Your order " + order + " has been cancelled");
    assertThat(mail.get("text").asString())
        .contains("has been cancelled because some of the items are no longer in stock.")
        .contains("Your payment will be refunded in full.").doesNotContain("insufficient-stock");
    assertThat(awaitOne("push", "userId=" + ada.id()).get("body").asString())
        .isEqualTo("Order " + order + " was cancelled because some of the items are no longer in stock.");
  }

  @Test
  void everyEventDeliveredTwiceYieldsOneMailOneSmsAndOnePush() throws Exception {
    Person ada = person(true);
    String order = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> shipment = shipmentCreated(codec, topics.shipping(), order, ada.id(), "TRK-TWICE");
    double duplicatesBefore = metric("notification_events_duplicates_total", "");

    send(shipment);
    send(shipment);

    awaitOne("mail", "to=" + ada.email());
    awaitOne("push", "userId=" + ada.id());
    awaitOne("sms", phoneQuery(ada.phone()));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> metric("notification_events_duplicates_total", "") - duplicatesBefore >= 1);
    Thread.sleep(1_000);
    assertThat(delivered(sim, "mail", "to=" + ada.email())).hasSize(1);
    assertThat(delivered(sim, "push", "userId=" + ada.id())).hasSize(1);
    assertThat(delivered(sim, "sms", phoneQuery(ada.phone()))).hasSize(1);
  }

  @Test
  void otherEventTypesNotifyNobody() throws Exception {
    Person ada = person(true);
    String order = UUID.randomUUID().toString();
    send(NotificationTestSupport.event(codec, topics.payments(), "/services/payment", "PaymentFailed", order,
        java.util.Map.of("orderId", order, "userId", ada.id(), "reason", "card-declined")));
    // Same key, same partition: once this one's mail arrived, the PaymentFailed before it was read.
    send(paymentProcessed(codec, topics.payments(), order, ada.id()));

    awaitOne("mail", "to=" + ada.email());
    assertThat(delivered(sim, "mail", "to=" + ada.email())).extracting(m -> m.get("subject").asString())
        .containsExactly("Payment received for order " + order);
  }

  @Test
  void anEventWithoutAUserGoesToTheDeadLetterTopicAtOnce() throws Exception {
    String order = UUID.randomUUID().toString();
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.orders()))) {
      send(NotificationTestSupport.event(codec, topics.orders(), "/services/order", "OrderCancelled", order,
          java.util.Map.of("orderId", order, "reason", "timeout")));

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())), "the event in the DLT");
    }
  }

  @Test
  void readyWhenKafkaAndRabbitMqAnswer() {
    TestResponse ready = HttpTestClient.forPort(port).get("/health/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"kafka\"").contains("\"rabbit\"").doesNotContain("\"db\"");
  }

  private void send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get();
  }

  private JsonNode awaitOne(String kind, String query) {
    List<JsonNode> found = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> delivered(sim, kind, query), list -> !list.isEmpty());
    return found.getFirst();
  }

  private double metric(String name, String labelFragment) {
    String text = HttpTestClient.forPort(port).get("/metrics").body();
    return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(labelFragment))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
