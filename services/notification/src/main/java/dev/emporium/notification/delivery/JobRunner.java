package dev.emporium.notification.delivery;

import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.JobCodec;
import dev.emporium.notification.job.MalformedJobException;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.queue.JobPublisher;
import dev.emporium.notification.queue.JobQueues;
import dev.emporium.notification.queue.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a queued job and decides what becomes of it: delivered (or a duplicate, or
 * nothing to send) and done; failed for good (unreadable, or a {@link PermanentFailure}) and on the
 * dead-letter queue at once; failed otherwise and on the delay queue for its attempt, or on the
 * dead-letter queue once {@code retry.max-attempts} attempts failed. The consumed message is
 * acknowledged when this returns, so the job's next place is confirmed by RabbitMQ first; if that
 * publish fails, this throws and the message is requeued instead.
 */
@Component
public class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final Map<Channel, Delivery> deliveries = new EnumMap<>(Channel.class);
  private final JobCodec codec;
  private final JobPublisher publisher;
  private final RetryPolicy policy;
  private final MeterRegistry meters;
  private final Map<Channel, Counter> retries = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> deadLetters = new EnumMap<>(Channel.class);

  public JobRunner(List<Delivery> deliveries, JobCodec codec, JobPublisher publisher, JobQueues queues,
      MeterRegistry meters) {
    deliveries.forEach(delivery -> this.deliveries.put(delivery.channel(), delivery));
    this.codec = codec;
    this.publisher = publisher;
    this.policy = queues.policy();
    this.meters = meters;
    for (Channel channel : Channel.values()) {
      retries.put(channel, Counter.builder("notification.retries").tag("channel", channel.id())
          .description("Failed attempts scheduled for a retry, by channel").register(meters));
      deadLetters.put(channel, Counter.builder("notification.dead.letters").tag("channel", channel.id())
          .description("Jobs given up on the dead-letter queue, by channel").register(meters));
    }
  }

  public void run(Channel channel, Message message) {
    int attempt = attemptOf(message);
    NotificationJob job;
    try {
      job = codec.read(message.getBody());
      if (job.channel() != channel) {
        throw new MalformedJobException("a " + job.channel().id() + " job on the " + channel.id() + " queue", null);
      }
    } catch (MalformedJobException e) {
      giveUp(channel, message, attempt, "malformed job: " + e.getMessage());
      return;
    }
    try {
      Outcome outcome = deliveries.get(channel).deliver(job);
      meters.counter("notification.deliveries", "channel", channel.id(), "outcome", outcome.id()).increment();
      log.debug("{} {} on attempt {}", job.jobId(), outcome.id(), attempt);
    } catch (PermanentFailure e) {
      giveUp(channel, message, attempt, e.getMessage());
    } catch (RuntimeException e) {
      if (!policy.retries(attempt)) {
        giveUp(channel, message, attempt, "gave up after " + attempt + " attempts: " + e.getMessage());
        return;
      }
      Duration delay = policy.delayAfter(attempt);
      publisher.retry(channel, message, attempt + 1, delay);
      retries.get(channel).increment();
      log.warn("{} attempt {} failed, retrying in {} ms: {}", job.jobId(), attempt, delay.toMillis(), e.getMessage());
    }
  }

  private void giveUp(Channel channel, Message message, int attempts, String why) {
    publisher.deadLetter(channel, message, attempts, why);
    deadLetters.get(channel).increment();
    log.error("{} job {} dead-lettered: {}", channel.id(), message.getMessageProperties().getMessageId(), why);
  }

  /** The attempt header, 1 when missing or unreadable (a job published by hand). */
  static int attemptOf(Message message) {
    Object value = message.getMessageProperties().getHeaders().get(JobPublisher.ATTEMPT);
    if (value instanceof Number number) {
      return Math.max(1, number.intValue());
    }
    if (value != null) {
      try {
        return Math.max(1, Integer.parseInt(value.toString()));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }
}
