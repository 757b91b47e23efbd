package dev.emporium.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The analytics service's own settings ({@code emporium.analytics.*}), checked at start-up.
 *
 * @param orderTopic the order service's topic
 * @param paymentTopic the payment service's topic
 * @param inventoryTopic the inventory service's topic
 * @param shippingTopic the shipping service's topic
 * @param consumerGroup the Kafka consumer group of this service's listener
 * @param listenerConcurrency consumer threads (up to one per partition of each topic)
 * @param maxRange the longest {@code from}..{@code to} a report may span (at most 366 days: an hourly
 *     report of it has 8,784 buckets)
 */
@ConfigurationProperties("emporium.analytics")
public record AnalyticsProperties(
    @DefaultValue("order-events") String orderTopic,
    @DefaultValue("payment-events") String paymentTopic,
    @DefaultValue("inventory-events") String inventoryTopic,
    @DefaultValue("shipping-events") String shippingTopic,
    @DefaultValue("analytics") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue("31d") Duration maxRange) {

  static final Duration LONGEST_RANGE = Duration.ofDays(366);

  public AnalyticsProperties {
    require(!orderTopic.isBlank() && !paymentTopic.isBlank() && !inventoryTopic.isBlank() && !shippingTopic.isBlank(),
        "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    require(maxRange.compareTo(Duration.ofHours(1)) >= 0 && maxRange.compareTo(LONGEST_RANGE) <= 0,
        "max-range must be between 1h and 366d");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.analytics." + message);
    }
  }
}
