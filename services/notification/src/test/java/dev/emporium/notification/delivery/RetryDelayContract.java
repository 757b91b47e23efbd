package dev.emporium.notification.delivery;

import static dev.emporium.notification.NotificationTestSupport.delivered;
import static dev.emporium.notification.NotificationTestSupport.newUser;
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
import dev.emporium.platform.testing.InProcessKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * What a retried job sees whatever broker makes it wait: each attempt comes no sooner than its delay
 * after the failed one (and soon after it), the mail goes out once the failure clears, and the last
 * failed attempt puts the job on the dead-letter queue. Attempts are timed by the user service, which
 * each email attempt asks for the contact. {@link DeadLetterTtlRetryIT} runs it on RabbitMQ,
 * {@link HeldRetryIT} on Qpid Broker-J.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NotificationTestSupport.QueueCleanup.class)
@DirtiesContext
abstract class RetryDelayContract {

  /** How late a retry may run: the broker's own scheduling, on a busy machine. */
  static final Duration SLACK = Duration.ofSeconds(2);

  static final InProcessKafka kafka = InProcessKafka.shared();
  static final MessagingSimulator simulator = MessagingSimulator.shared();

  /** The service's settings with fast retries (4 attempts, 300/600/1200 ms apart) and this test's queues. */
  static void register(DynamicPropertyRegistry registry, FakeUserService users) {
    NotificationTestSupport.register(registry, kafka, Topics.create(kafka), simulator, users);
  }

  @Autowired JobPublisher publisher;
  @Autowired JobQueues queues;
  @Autowired RabbitTemplate rabbit;
  @Autowired MeterRegistry meters;

  /** The concrete test's user service. */
  abstract FakeUserService users();

  @Test
  void eachRetryWaitsItsDelayAndTheMailIsSentOnceTheFailureClears() {
    String user = user();
    users().failFor(user, 2);
    double retriesBefore = retries();

    publisher.publish(NotificationJob.of(notice(user), Channel.EMAIL));

    JsonNode mail = await().atMost(Duration.ofSeconds(30))
        .until(() -> delivered(simulator.client(), "mail", "to=" + user + "@example.org"), list -> !list.isEmpty())
        .getFirst();
    assertThat(mail.get("subject").asString()).startsWith("Payment received for order ");
    List<Instant> attempts = users().askedAt(user);
    assertThat(attempts).as("two failed attempts, then the one that sent").hasSize(3);
    assertEachWaitedItsDelay(attempts);
    assertThat(retries() - retriesBefore).isEqualTo(2);
  }

  @Test
  void aJobFailingEveryAttemptWaitsEachDelayThenGoesToTheDeadLetterQueue() {
    String user = user();
    users().failFor(user, Integer.MAX_VALUE);

    publisher.publish(NotificationJob.of(notice(user), Channel.EMAIL));

    Message dead = rabbit.receive(queues.deadLetters(Channel.EMAIL), 30_000);
    assertThat(dead).as("a dead letter").isNotNull();
    var headers = dead.getMessageProperties().getHeaders();
    assertThat(((Number) headers.get(JobPublisher.ATTEMPTS)).intValue()).isEqualTo(4);
    assertThat(headers.get(JobPublisher.FAILURE).toString()).contains("gave up after 4 attempts").contains("503");
    assertThat(headers).doesNotContainKey(JobPublisher.NOT_VALID_BEFORE);
    assertThat(new String(dead.getBody())).contains(user);
    List<Instant> attempts = users().askedAt(user);
    assertThat(attempts).hasSize(4);
    assertEachWaitedItsDelay(attempts);
    assertThat(delivered(simulator.client(), "mail", "to=" + user + "@example.org")).isEmpty();
  }

  private void assertEachWaitedItsDelay(List<Instant> attempts) {
    for (int attempt = 1; attempt < attempts.size(); attempt++) {
      Duration delay = queues.policy().delayAfter(attempt);
      assertThat(Duration.between(attempts.get(attempt - 1), attempts.get(attempt)))
          .as("the wait after failed attempt %d (delay %d ms)", attempt, delay.toMillis())
          .isGreaterThanOrEqualTo(delay)
          .isLessThan(delay.plus(SLACK));
    }
  }

  private double retries() {
    return meters.counter("notification.retries", "channel", Channel.EMAIL.id()).count();
  }

  private String user() {
    String id = newUser();
    users().add(id, id + "@example.org", "Grace Hopper", null);
    return id;
  }

  private static Notice notice(String user) {
    return new Notice(UUID.randomUUID().toString(), "/services/payment", NoticeKind.PAYMENT_PROCESSED, user,
        UUID.randomUUID().toString(), new Notice.Money(new BigDecimal("12.00"), "EUR"), List.of(), null, null, null,
        null, null, Instant.now());
  }
}
