package dev.emporium.recommendation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recommendation service's own settings ({@code emporium.recommendation.*}), checked at start-up.
 *
 * @param productTopic where ProductCreated and ProductUpdated arrive (the product service's topic)
 * @param orderTopic where OrderCompleted arrives (the order service's topic)
 * @param consumerGroup the Kafka consumer group of this service's listeners
 * @param listenerConcurrency consumer threads per listener (at most one per partition is busy)
 * @param popularWindow how far back sales count towards "popular"; counted in whole UTC days, so at
 *     least one day
 * @param popularRefreshInterval how often the popular totals are recomputed from the daily sales:
 *     completed orders add to them at once, a recomputation drops the days that left the window
 * @param defaultLimit how many items an answer has when the request names no {@code limit}
 * @param maxLimit the largest {@code limit} a request may ask for
 * @param maxPairProducts the most distinct products of one order that feed "bought together": an
 *     order of n products adds n(n-1) pair counts, so a huge order is cut to its first ones
 * @param maxHistoryProducts how many of a user's most recently bought products seed personalised
 *     recommendations
 * @param maxPairsPerProduct how many partners of each seed product a personalised answer considers
 *     (the most frequent first): bounds the work of a request for a heavy buyer
 * @param publicMaxAge {@code Cache-Control: public, max-age} of answers that are the same for every
 *     caller (for a product, popular, anonymous)
 * @param privateMaxAge {@code Cache-Control: private, max-age} of personalised answers
 */
@ConfigurationProperties("emporium.recommendation")
public record RecommendationProperties(
    @DefaultValue("product-events") String productTopic,
    @DefaultValue("order-events") String orderTopic,
    @DefaultValue("recommendation") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue("30d") Duration popularWindow,
    @DefaultValue("10m") Duration popularRefreshInterval,
    @DefaultValue("10") int defaultLimit,
    @DefaultValue("50") int maxLimit,
    @DefaultValue("20") int maxPairProducts,
    @DefaultValue("50") int maxHistoryProducts,
    @DefaultValue("100") int maxPairsPerProduct,
    @DefaultValue("5m") Duration publicMaxAge,
    @DefaultValue("1m") Duration privateMaxAge) {

  public RecommendationProperties {
    require(!productTopic.isBlank() && !orderTopic.isBlank(), "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    require(popularWindow.compareTo(Duration.ofDays(1)) >= 0 && popularWindow.compareTo(Duration.ofDays(3660)) <= 0,
        "popular-window must be between 1d and 3660d");
    require(popularRefreshInterval.compareTo(Duration.ofMillis(10)) >= 0, "popular-refresh-interval must be at least 10ms");
    require(maxLimit >= 1 && maxLimit <= 1000, "max-limit must be in 1..1000");
    require(defaultLimit >= 1 && defaultLimit <= maxLimit, "default-limit must be in 1..max-limit");
    require(maxPairProducts >= 2 && maxPairProducts <= 200, "max-pair-products must be in 2..200");
    require(maxHistoryProducts >= 1 && maxHistoryProducts <= 1000, "max-history-products must be in 1..1000");
    require(maxPairsPerProduct >= 1 && maxPairsPerProduct <= 10_000, "max-pairs-per-product must be in 1..10000");
    require(!publicMaxAge.isNegative() && !privateMaxAge.isNegative(), "max-ages must not be negative");
  }

  /** The popular window in whole days, rounded up: sales are counted per UTC day. */
  public int popularWindowDays() {
    long days = popularWindow.toDays();
    return (int) (popularWindow.equals(Duration.ofDays(days)) ? days : days + 1);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.recommendation." + message);
    }
  }
}
