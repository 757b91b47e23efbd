package dev.emporium.platform.events;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the events library ({@code emporium.events.*}), validated when bound.
 *
 * @param source CloudEvents {@code source} of the events this service emits, e.g. {@code /services/product}
 * @param validateOutgoing check each event against its JSON Schema when it is written to the outbox
 * @param topics how topics the service declares are created
 * @param outbox the relay that publishes the outbox
 * @param consumer retries before a record goes to the dead-letter topic
 */
@ConfigurationProperties("emporium.events")
public record EventsProperties(URI source, @DefaultValue("true") boolean validateOutgoing,
    @DefaultValue Topics topics, @DefaultValue Outbox outbox, @DefaultValue Consumer consumer) {

  public EventsProperties {
    if (source == null) {
      throw new IllegalArgumentException("emporium.events.source must be set (e.g. /services/product)");
    }
  }

  /**
   * @param partitions partitions of a topic the service creates (3, the platform's default)
   * @param replicationFactor 1 on one machine; 3 on a real cluster
   */
  public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
    public Topics {
      if (partitions < 1 || replicationFactor < 1) {
        throw new IllegalArgumentException("emporium.events.topics: partitions and replication-factor must be >= 1");
      }
    }
  }

  /**
   * @param enabled whether this instance runs a relay (every instance may: they share the work)
   * @param pollInterval pause after finding nothing to publish (a commit wakes the relay sooner)
   * @param batchSize rows published per transaction at most
   * @param sendTimeout how long a publish may wait for the broker's acknowledgement
   * @param retryInitialDelay first delay after a failed publish; doubled per attempt, with ±20 % jitter
   * @param retryMaxDelay ceiling of that delay
   * @param retention how long published rows are kept (for inspection) before they are deleted
   */
  public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration pollInterval,
      @DefaultValue("200") int batchSize, @DefaultValue("10s") Duration sendTimeout,
      @DefaultValue("1s") Duration retryInitialDelay, @DefaultValue("1m") Duration retryMaxDelay,
      @DefaultValue("7d") Duration retention) {
    public Outbox {
      if (batchSize < 1 || pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("emporium.events.outbox: batch-size and poll-interval must be positive");
      }
    }
  }

  /**
   * @param retries redeliveries of a failing record before it goes to {@code <topic>-dlt}
   * @param retryInitialDelay delay before the first redelivery; doubled per attempt
   * @param retryMaxDelay ceiling of that delay
   */
  public record Consumer(@DefaultValue("3") int retries, @DefaultValue("200ms") Duration retryInitialDelay,
      @DefaultValue("5s") Duration retryMaxDelay) {
    public Consumer {
      if (retries < 0) {
        throw new IllegalArgumentException("emporium.events.consumer.retries must be >= 0");
      }
    }
  }
}
