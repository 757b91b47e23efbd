package dev.emporium.notification.delivery;

import static dev.emporium.notification.NotificationTestSupport.delivered;
import static dev.emporium.notification.NotificationTestSupport.newUser;
import static dev.emporium.notification.NotificationTestSupport.paymentProcessed;
import static dev.emporium.notification.NotificationTestSupport.phoneQuery;
import static dev.emporium.notification.NotificationTestSupport.shipmentCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.notification.FakeUserService;
import dev.emporium.notification.MessagingSimulator;
import dev.emporium.notification.NotificationTestSupport;
import dev.emporium.notification.NotificationTestSupport.Topics;
import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.Notice;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.queue.JobPublisher;
import dev.emporium.notification.queue.JobQueues;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What happens when delivering fails: backoff through the delay queues and delivery once the
 * provider heals, the dead-letter queue after the last attempt or at once for what can never work,
 * the user service being down, and copies of one job delivered once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NotificationTestSupport.QueueCleanup.class)
@DirtiesContext
class RetryIT {

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
  @Autowired RabbitTemplate rabbit;
  @Autowired JobQueues queues;
  @Autowired JobPublisher publisher;
  HttpTestClient sim;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp() {
    sim = simulator.client();
    producer = kafka.producer();
  }

  @AfterEach
  void tearDown() {
    simulator.heal();
    users.up();
    producer.close();
  }

  @Test
  void aFailingProviderIsRetriedWithBackoffAndTheTextArrivesOnceItHeals() throws Exception {
    String user = user("+4915112345678");
    String order = UUID.randomUUID().toString();
    double failuresBefore = simulatorMetric("messaging_injected_failures_total", "channel=\"sms\"");
    double retriesBefore = metric("notification_retries_total", "channel=\"sms\"");
    behave("sms", Map.of("failureRate", 1.0, "failureStatus", 500));

    Instant sent = Instant.now();
    send(shipmentCreated(codec, topics.shipping(), order, user, "TRK-RETRY"));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> simulatorMetric("messaging_injected_failures_total", "channel=\"sms\"") - failuresBefore >= 2);
    simulator.heal();

    JsonNode sms = await().atMost(Duration.ofSeconds(30))
        .until(() -> delivered(sim, "sms", phoneQuery("+4915112345678")), list -> list.stream()
            .anyMatch(s -> s.get("body").asString().contains("TRK-RETRY"))).getFirst();
    assertThat(Duration.between(sent, Instant.parse(sms.get("deliveredAt").asString())))
        .as("two failed attempts waited 300 ms, then 600 ms").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(metric("notification_retries_total", "channel=\"sms\"") - retriesBefore).isGreaterThanOrEqualTo(2);
    assertThat(sms.get("idempotencyKey").asString()).endsWith(".sms");
  }

  @Test
  void aProviderThatAlwaysFailsSendsTheJobToTheDeadLetterQueueAfterTheLastAttempt() throws Exception {
    String user = user(null);
    String order = UUID.randomUUID().toString();
    double failuresBefore = simulatorMetric("messaging_injected_failures_total", "channel=\"push\"");
    behave("push", Map.of("failureRate", 1.0));

    send(paymentProcessed(codec, topics.payments(), order, user));

    Message dead = rabbit.receive(queues.deadLetters(Channel.PUSH), 30_000);
    assertThat(dead).as("a dead letter").isNotNull();
    assertThat(dead.getMessageProperties().getMessageId()).endsWith(".push");
    assertThat(((Number) dead.getMessageProperties().getHeaders().get(JobPublisher.ATTEMPTS)).intValue()).isEqualTo(4);
    assertThat(dead.getMessageProperties().getHeaders().get(JobPublisher.FAILURE).toString())
        .contains("gave up after 4 attempts").contains("503");
    assertThat(new String(dead.getBody())).contains(order);
    assertThat(simulatorMetric("messaging_injected_failures_total", "channel=\"push\"") - failuresBefore).isEqualTo(4);
    assertThat(delivered(sim, "push", "userId=" + user)).isEmpty();
    assertThat(delivered(sim, "mail", "to=" + user + "@example.org")).as("the mail is not held up").hasSize(1);
  }

  @Test
  void whileTheUserServiceIsDownTheMailIsRetriedAndSentWhenItReturns() throws Exception {
    String user = user(null);
    String order = UUID.randomUUID().toString();
    double retriesBefore = metric("notification_retries_total", "channel=\"email\"");
    users.down();

    send(paymentProcessed(codec, topics.payments(), order, user));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> metric("notification_retries_total", "channel=\"email\"") > retriesBefore);
    assertThat(delivered(sim, "push", "userId=" + user)).as("push needs no contact").isNotEmpty();
    assertThat(delivered(sim, "mail", "to=" + user + "@example.org")).isEmpty();
    users.up();

    JsonNode mail = await().atMost(Duration.ofSeconds(30))
        .until(() -> delivered(sim, "mail", "to=" + user + "@example.org"), list -> !list.isEmpty()).getFirst();
    assertThat(mail.get("subject").asString()).isEqualTo("Payment received for order " + order);
  }

  @Test
  void anUnknownUserIsDeadLetteredAtOnce() {
    String order = UUID.randomUUID().toString();
    double retriesBefore = metric("notification_retries_total", "channel=\"email\"");
    publisher.publish(NotificationJob.of(notice("nobody-" + UUID.randomUUID(), order), Channel.EMAIL));

    Message dead = rabbit.receive(queues.deadLetters(Channel.EMAIL), 30_000);
    assertThat(dead).isNotNull();
    assertThat(dead.getMessageProperties().getHeaders().get(JobPublisher.FAILURE).toString()).contains("knows no user");
    assertThat(((Number) dead.getMessageProperties().getHeaders().get(JobPublisher.ATTEMPTS)).intValue()).isEqualTo(1);
    assertThat(metric("notification_retries_total", "channel=\"email\"")).isEqualTo(retriesBefore);
  }

  @Test
  void aMalformedJobIsDeadLetteredAtOnce() {
    rabbit.send("", queues.work(Channel.SMS), MessageBuilder.withBody("{not a job".getBytes())
        .setMessageId("broken-1").setContentType("application/json").build());

    Message dead = rabbit.receive(queues.deadLetters(Channel.SMS), 30_000);
    assertThat(dead).isNotNull();
    assertThat(new String(dead.getBody())).isEqualTo("{not a job");
    assertThat(dead.getMessageProperties().getHeaders().get(JobPublisher.FAILURE).toString()).startsWith("malformed job");
  }

  @Test
  void copiesOfOneJobAreDeliveredOnceOnEachChannel() throws Exception {
    String phone = "+4915199988877";
    String user = user(phone);
    String order = UUID.randomUUID().toString();
    Notice notice = notice(user, order);
    double duplicatesBefore = metric("notification_deliveries_total", "outcome=\"duplicate\"");

    for (int copy = 0; copy < 2; copy++) {
      for (Channel channel : Channel.values()) {
        publisher.publish(NotificationJob.of(notice, channel));
      }
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> metric("notification_deliveries_total", "outcome=\"delivered\"")
        >= 0 && delivered(sim, "mail", "to=" + user + "@example.org").size() == 1
        && delivered(sim, "sms", phoneQuery(phone)).size() == 1 && delivered(sim, "push", "userId=" + user).size() == 1);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> metric("notification_deliveries_total", "outcome=\"duplicate\"") - duplicatesBefore >= 1);
    Thread.sleep(1_000);
    assertThat(delivered(sim, "mail", "to=" + user + "@example.org")).hasSize(1);
    assertThat(delivered(sim, "sms", phoneQuery(phone))).hasSize(1);
    assertThat(delivered(sim, "push", "userId=" + user)).hasSize(1);
  }

  private String user(String phone) {
    String id = newUser();
    users.add(id, id + "@example.org", "Grace Hopper", phone);
    return id;
  }

  private static Notice notice(String user, String order) {
    return new Notice(UUID.randomUUID().toString(), "/services/payment", NoticeKind.PAYMENT_PROCESSED, user, order,
        new Notice.Money(new BigDecimal("12.00"), "EUR"), List.of(), null, null, null, null, null, Instant.now());
  }

  private void behave(String channel, Map<String, Object> behaviour) {
    assertThat(sim.put("/admin/behaviour/" + channel, behaviour).status()).isEqualTo(200);
  }

  private void send(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get();
  }

  private double metric(String name, String labelFragment) {
    return metric(HttpTestClient.forPort(port), name, labelFragment);
  }

  private double simulatorMetric(String name, String labelFragment) {
    return metric(sim, name, labelFragment);
  }

  private static double metric(HttpTestClient client, String name, String labelFragment) {
    String text = client.get("/metrics").body();
    return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(labelFragment))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
