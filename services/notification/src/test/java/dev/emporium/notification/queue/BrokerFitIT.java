package dev.emporium.notification.queue;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.notification.QpidBroker;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Each delay mode is refused on the broker that cannot honour it, on every try to connect, and
 * accepted on the one that does.
 */
class BrokerFitIT {

  static final int RABBITMQ = 5672;

  @Test
  void heldIsRefusedOnRabbitMqAndAcceptedOnQpid() {
    assertThatThrownBy(() -> connect(RABBITMQ, RetryDelayMode.HELD))
        .hasMessageContaining("emporium.notification.retry.delay-mode=held").hasMessageContaining("RabbitMQ");
    assertThatCode(() -> connect(QpidBroker.shared().port(), RetryDelayMode.HELD)).doesNotThrowAnyException();
  }

  @Test
  void deadLetterTtlIsRefusedOnQpidAndAcceptedOnRabbitMq() {
    assertThatThrownBy(() -> connect(QpidBroker.shared().port(), RetryDelayMode.DEAD_LETTER_TTL))
        .hasMessageContaining("emporium.notification.retry.delay-mode=dead-letter-ttl");
    assertThatCode(() -> connect(RABBITMQ, RetryDelayMode.DEAD_LETTER_TTL)).doesNotThrowAnyException();
  }

  private static void connect(int port, RetryDelayMode mode) {
    CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", port);
    connections.setUsername("guest");
    connections.setPassword("guest");
    connections.addConnectionListener(new BrokerFit(mode));
    try {
      for (int tries = 0; tries < 2; tries++) {
        try {
          connections.createConnection().close();
        } catch (RuntimeException e) {
          if (tries == 1) {
            throw e;
          }
        }
      }
    } finally {
      connections.destroy();
    }
  }
}
