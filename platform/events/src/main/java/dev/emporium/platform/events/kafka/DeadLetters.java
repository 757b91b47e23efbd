package dev.emporium.platform.events.kafka;

import dev.emporium.platform.events.EventsProperties;
import dev.emporium.platform.events.envelope.MalformedEventException;
import dev.emporium.platform.events.schema.EventSchemaViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * What happens to a record a listener cannot process: it is redelivered {@code retries} times with
 * growing delays (a transient failure, such as a database restart, heals), then published unchanged,
 * with Spring's {@code kafka_dlt-*} headers saying why, to {@code <topic>-dlt} with the same key. A
 * record that can never succeed (not a CloudEvent, or breaking its schema) goes there at once. The
 * consumer then moves on: one poison message does not stop a partition.
 */
public final class DeadLetters implements DisposableBean {

  public static final String SUFFIX = "-dlt";

  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final DefaultErrorHandler errorHandler;

  /** The dead-letter publisher: its own producer (bytes, as consumed), closed with the context. */
  public DeadLetters(Map<String, Object> producerConfig, EventsProperties.Consumer config) {
    this(producerConfig, config, null);
  }

  /**
   * As above, counting with {@code meters}: {@code emporium_events_dead_letters_total{topic}} for
   * records sent to a dead-letter topic and {@code emporium_events_redeliveries_total{topic}} for
   * failed deliveries that were tried again.
   */
  public DeadLetters(Map<String, Object> producerConfig, EventsProperties.Consumer config,
      @Nullable MeterRegistry meters) {
    this.producers = new DefaultKafkaProducerFactory<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    this.errorHandler = errorHandler(new KafkaTemplate<>(producers), config);
    if (meters != null) {
      errorHandler.setRetryListeners(counting(meters));
    }
  }

  private static RetryListener counting(MeterRegistry meters) {
    return new RetryListener() {
      @Override
      public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
        Counter.builder("emporium.events.redeliveries")
            .description("Failed deliveries of a record to its listener (each is retried or dead-lettered)")
            .tag("topic", record.topic()).register(meters).increment();
      }

      @Override
      public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception ex) {
        Counter.builder("emporium.events.dead.letters")
            .description("Records given up on and published to their dead-letter topic")
            .tag("topic", record.topic()).register(meters).increment();
      }
    };
  }

  /** The listener containers' error handler (Spring Boot applies it to its container factory). */
  public DefaultErrorHandler errorHandler() {
    return errorHandler;
  }

  @Override
  public void destroy() {
    producers.destroy();
  }

  public static String topicFor(String topic) {
    return topic + SUFFIX;
  }

  public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, EventsProperties.Consumer config) {
    // Partition -1: the producer picks it from the key, so the DLT needs no particular partition count.
    DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
        (record, exception) -> new TopicPartition(topicFor(record.topic()), -1));
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(config.retries());
    backOff.setInitialInterval(config.retryInitialDelay().toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(config.retryMaxDelay().toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(MalformedEventException.class, EventSchemaViolation.class);
    return handler;
  }
}
