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
 * published through the default exchange, routed by queue name. A delay queue has no consumer: its
 * queue-wide TTL expires each job after the delay and dead-letters it back to the work queue. One
 * queue per delay, rather than a per-message TTL on one queue, because RabbitMQ only expires the
 * message at the head of a queue: a long delay there would hold up every shorter one behind it.
 */
@Configuration(proxyBeanMethods = false)
class QueueTopology {

  @Bean
  Declarables notificationQueues(JobQueues queues) {
    List<Declarable> declarables = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      String work = queues.work(channel);
      declarables.add(QueueBuilder.durable(work).build());
      for (Duration delay : queues.policy().delays()) {
        declarables.add(QueueBuilder.durable(queues.retry(channel, delay))
            .ttl((int) delay.toMillis())
            .deadLetterExchange("")
            .deadLetterRoutingKey(work)
            .build());
      }
      declarables.add(QueueBuilder.durable(queues.deadLetters(channel)).build());
    }
    return new Declarables(declarables);
  }
}
