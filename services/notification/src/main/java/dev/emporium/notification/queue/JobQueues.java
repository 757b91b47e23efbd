package dev.emporium.notification.queue;

import dev.emporium.notification.NotificationProperties;
import dev.emporium.notification.job.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The names of each channel's queues: the work queue as configured ({@code email-queue}), the
 * dead-letter queue ({@code email-queue.dlq}) and, in the {@code dead-letter-ttl} delay mode, a delay
 * queue per retry delay ({@code email-queue.retry.2000ms}). Delay queues are named by their delay, so
 * that changing the retry policy declares new ones instead of clashing with the arguments of the old.
 */
@Component
public class JobQueues {

  private final NotificationProperties.Queues names;
  private final RetryPolicy policy;
  private final RetryDelayMode delayMode;

  public JobQueues(NotificationProperties properties) {
    this.names = properties.queues();
    this.policy = RetryPolicy.of(properties.retry());
    this.delayMode = properties.retry().delayMode();
  }

  public RetryPolicy policy() {
    return policy;
  }

  public RetryDelayMode delayMode() {
    return delayMode;
  }

  public String work(Channel channel) {
    return names.of(channel);
  }

  /** The delay queue of {@code delay}; only the {@code dead-letter-ttl} mode has them. */
  public String retry(Channel channel, Duration delay) {
    return work(channel) + ".retry." + delay.toMillis() + "ms";
  }

  public String deadLetters(Channel channel) {
    return work(channel) + ".dlq";
  }

  /** Every queue of every channel, as declared at start-up. */
  public List<String> all() {
    List<String> all = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      all.add(work(channel));
      if (delayMode == RetryDelayMode.DEAD_LETTER_TTL) {
        policy.delays().forEach(delay -> all.add(retry(channel, delay)));
      }
      all.add(deadLetters(channel));
    }
    return all;
  }
}
