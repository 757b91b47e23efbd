package dev.emporium.notification.queue;

import java.util.Locale;
import org.springframework.amqp.AmqpIllegalStateException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses a connection to a broker that cannot make jobs wait the way {@code retry.delay-mode} says:
 * {@code held} needs Qpid Broker-J (RabbitMQ ignores the hold header, so every retry would run at
 * once), and Qpid Broker-J refuses the delay queues of {@code dead-letter-ttl}. Brokers it does not
 * know are let through.
 */
@Component
public class BrokerFit implements ConnectionListener {

  private final RetryDelayMode mode;

  @Autowired
  public BrokerFit(JobQueues queues, ConnectionFactory connections) {
    this(queues.delayMode());
    connections.addConnectionListener(this);
  }

  /** A check of {@code mode} to add to a connection factory yourself. */
  public BrokerFit(RetryDelayMode mode) {
    this.mode = mode;
  }

  @Override
  public void onCreate(Connection connection) {
    String product = String.valueOf(connection.getDelegate().getServerProperties().get("product"));
    String refusal = refusal(product);
    if (refusal != null) {
      // Closed, so that the factory connects (and checks) again on every try instead of reusing it.
      connection.getDelegate().abort();
      throw new AmqpIllegalStateException(refusal);
    }
  }

  private String refusal(String product) {
    if (mode == RetryDelayMode.HELD && product.equals("RabbitMQ")) {
      return "emporium.notification.retry.delay-mode=held needs Qpid Broker-J, but the broker is RabbitMQ, which "
          + "would retry every job at once: use dead-letter-ttl";
    }
    if (mode == RetryDelayMode.DEAD_LETTER_TTL && product.toLowerCase(Locale.ROOT).contains("qpid")) {
      return "emporium.notification.retry.delay-mode=dead-letter-ttl needs RabbitMQ, but the broker is " + product
          + ", which refuses delay queues: use held";
    }
    return null;
  }
}
