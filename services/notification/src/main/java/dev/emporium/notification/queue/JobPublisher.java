package dev.emporium.notification.queue;

import dev.emporium.notification.NotificationProperties;
import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.JobCodec;
import dev.emporium.notification.job.NotificationJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts jobs on their queues and waits for the broker's publisher confirmation: persistent messages,
 * mandatory routing (a missing queue is a failure, not a silent drop), and an exception unless the
 * broker acknowledged within {@code publish-timeout}. The caller acknowledges what it consumed only
 * after this returns.
 */
@Component
public class JobPublisher {

  /** The attempt a queued job is on, 1 for a new job. */
  public static final String ATTEMPT = "emporium-attempt";
  /** On a dead letter: why it was given up, how many attempts were made, when. */
  public static final String FAILURE = "emporium-failure";
  public static final String ATTEMPTS = "emporium-attempts";
  public static final String FAILED_AT = "emporium-failed-at";
  /**
   * Epoch milliseconds before which Qpid Broker-J holds a message on a queue declared with
   * {@code holdOnPublishEnabled}: the {@code held} delay mode's retry time.
   */
  public static final String NOT_VALID_BEFORE = "x-qpid-not-valid-before";

  private static final int MAX_FAILURE_LENGTH = 1000;

  private final RabbitTemplate rabbit;
  private final JobCodec codec;
  private final JobQueues queues;
  private final Duration timeout;
  private final Map<Channel, Counter> published = new EnumMap<>(Channel.class);

  public JobPublisher(RabbitTemplate rabbit, JobCodec codec, JobQueues queues, NotificationProperties properties,
      MeterRegistry meters) {
    this.rabbit = rabbit;
    this.codec = codec;
    this.queues = queues;
    this.timeout = properties.publishTimeout();
    for (Channel channel : Channel.values()) {
      published.put(channel, Counter.builder("notification.jobs.published").tag("channel", channel.id())
          .description("New jobs confirmed by the broker, by channel").register(meters));
    }
  }

  /** A new job, on its channel's work queue. */
  public void publish(NotificationJob job) {
    Message message = MessageBuilder.withBody(codec.write(job))
        .setContentType(MessageProperties.CONTENT_TYPE_JSON)
        .setMessageId(job.jobId())
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .setHeader(ATTEMPT, 1)
        .build();
    send(queues.work(job.channel()), message);
    published.get(job.channel()).increment();
  }

  /**
   * A job whose attempt failed, to wait {@code delay} before attempt {@code nextAttempt}: on the delay
   * queue of {@code delay}, or back on the work queue held until then ({@code retry.delay-mode}).
   */
  public void retry(Channel channel, Message consumed, int nextAttempt, Duration delay) {
    var message = MessageBuilder.fromClonedMessage(consumed)
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .setHeader(ATTEMPT, nextAttempt);
    switch (queues.delayMode()) {
      case DEAD_LETTER_TTL -> send(queues.retry(channel, delay), message.build());
      case HELD -> send(queues.work(channel),
          message.setHeader(NOT_VALID_BEFORE, System.currentTimeMillis() + delay.toMillis()).build());
    }
  }

  /** A job given up, on its channel's dead-letter queue, saying why. */
  public void deadLetter(Channel channel, Message consumed, int attempts, String why) {
    Message message = MessageBuilder.fromClonedMessage(consumed)
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .setHeader(ATTEMPTS, attempts)
        .setHeader(FAILURE, why.length() > MAX_FAILURE_LENGTH ? why.substring(0, MAX_FAILURE_LENGTH) : why)
        .setHeader(FAILED_AT, Instant.now().toString())
        .removeHeader(NOT_VALID_BEFORE)
        .build();
    send(queues.deadLetters(channel), message);
  }

  private void send(String queue, Message message) {
    CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
    try {
      rabbit.send("", queue, message, correlation);
      CorrelationData.Confirm confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!confirm.ack()) {
        throw new JobPublishException("the broker refused a job for " + queue + ": " + confirm.reason(), null);
      }
      if (correlation.getReturned() != null) {
        throw new JobPublishException("the broker has no queue " + queue + " (the job was returned unrouted)", null);
      }
    } catch (AmqpException | ExecutionException e) {
      throw new JobPublishException("could not publish a job to " + queue + ": " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new JobPublishException("the broker did not confirm a job for " + queue + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobPublishException("interrupted while publishing to " + queue, e);
    }
  }
}
