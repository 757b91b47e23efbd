package dev.emporium.notification.queue;

import dev.emporium.notification.job.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queues, declared (durable) by Spring's RabbitAdmin whenever a connection opens. Jobs are
 * published through the default exchange, routed by queue name. How a retried job waits depends on
 * {@code retry.delay-mode}:
 * <ul>
 *   <li>{@code dead-letter-ttl} (RabbitMQ): a delay queue per delay, without consumers, whose
 *       queue-wide TTL expires each job after the delay and dead-letters it back to the work queue.
 *       One queue per delay, rather than a per-message TTL on one queue, because RabbitMQ only
 *       expires the message at the head of a queue: a long delay there would hold up every shorter
 *       one behind it.
 *   <li>{@code held} (Qpid Broker-J): the work queue holds each message until the time in its
 *       {@code x-qpid-not-valid-before} header, and consumers take the ones behind it meanwhile.
 *       Qpid refuses RabbitMQ's TTL and dead-letter arguments, but takes its own queue attributes
 *       as declare arguments.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class QueueTopology {

  /** The Qpid Broker-J queue attribute that makes a queue honour {@link JobPublisher#NOT_VALID_BEFORE}. */
  static final String HOLD_ON_PUBLISH = "holdOnPublishEnabled";

  @Bean
  Declarables notificationQueues(JobQueues queues) {
    List<Declarable> declarables = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      String work = queues.work(channel);
      switch (queues.delayMode()) {
        case DEAD_LETTER_TTL -> {
          declarables.add(QueueBuilder.durable(work).build());
          for (Duration delay : queues.policy().delays()) {
            declarables.add(QueueBuilder.durable(queues.retry(channel, delay))
                .ttl((int) delay.toMillis())
                .deadLetterExchange("")
                .deadLetterRoutingKey(work)
                .build());
          }
        }
        case HELD -> declarables.add(QueueBuilder.durable(work).withArgument(HOLD_ON_PUBLISH, true).build());
      }
      declarables.add(QueueBuilder.durable(queues.deadLetters(channel)).build());
    }
    return new Declarables(declarables);
  }
}
