package dev.emporium.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.notification.FakeUserService;
import dev.emporium.notification.QpidBroker;
import dev.emporium.notification.job.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The retry delays on Qpid Broker-J, the broker {@code emporium up} embeds, in the {@code held} mode:
 * retried jobs wait on their work queue, which the broker was told to hold them on.
 */
class HeldRetryIT extends RetryDelayContract {

  static final QpidBroker broker = QpidBroker.shared();
  static final FakeUserService users = FakeUserService.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    register(registry, users);
    broker.register(registry);
  }

  @AfterAll
  static void stopUsers() {
    users.close();
  }

  @Autowired AmqpAdmin admin;

  @Override
  FakeUserService users() {
    return users;
  }

  @Test
  void declaresTheWorkAndDeadLetterQueuesButNoDelayQueues() {
    for (Channel channel : Channel.values()) {
      assertThat(admin.getQueueProperties(queues.work(channel))).as(queues.work(channel)).isNotNull();
      assertThat(admin.getQueueProperties(queues.deadLetters(channel))).as(queues.deadLetters(channel)).isNotNull();
      assertThat(admin.getQueueProperties(queues.retry(channel, queues.policy().delayAfter(1)))).isNull();
    }
  }
}
