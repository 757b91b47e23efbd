package dev.emporium.payment;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment service's own settings ({@code emporium.payment.*}), checked at start-up. The
 * resilience numbers default to the platform's: 10 s per call, 3 retries at 1 s, 2 s, 4 s with
 * ±20 % jitter, a breaker opening at 50 % failures over 10 calls for 30 s with 3 half-open calls,
 * and at most 50 concurrent calls to the processor.
 *
 * @param topic where payment events are published
 * @param orderTopic where OrderCreated and OrderCancelled arrive (the order service's topic)
 * @param consumerGroup the Kafka consumer group of this service's listeners
 * @param listenerConcurrency consumer threads per listener (at most one per partition is busy)
 * @param onProcessorUnavailable what a payment does when the processor stays unavailable (retries
 *     exhausted or breaker open): {@code fail} publishes PaymentFailed processor-unavailable,
 *     {@code wait} keeps it pending and tries again with backoff until the processor heals or the
 *     order is cancelled
 * @param processor the card processor and the resilience around every call to it
 * @param charger the background worker that takes pending payments and refunds to the processor
 */
@ConfigurationProperties("emporium.payment")
public record PaymentProperties(
    @DefaultValue("payment-events") String topic,
    @DefaultValue("order-events") String orderTopic,
    @DefaultValue("payment") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue("fail") UnavailableMode onProcessorUnavailable,
    @DefaultValue Processor processor,
    @DefaultValue Charger charger) {

  public PaymentProperties {
    require(!topic.isBlank() && !orderTopic.isBlank(), "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    Duration worstCall = processor.worstCaseDuration();
    require(charger.lease().compareTo(worstCall) > 0, "charger.lease (" + charger.lease()
        + ") must be longer than a charge with all its retries may take (" + worstCall + ")");
  }

  /** What to do with a payment whose processor stays unavailable. */
  public enum UnavailableMode {
    /** Publish PaymentFailed with reason processor-unavailable: the order is cancelled. */
    FAIL,
    /** Keep the payment pending and try again later, with backoff. */
    WAIT
  }

  /**
   * @param url the processor's base URL ({@code POST {url}/v1/charges}, {@code /v1/refunds})
   * @param timeout the longest one call may take, connection included, before it counts as failed
   * @param connectTimeout the longest connecting may take
   * @param retry retries of a call that timed out, could not connect, or got a 5xx or 429
   * @param breaker the circuit breaker over all calls
   * @param bulkhead the limit of concurrent calls
   */
  public record Processor(
      @DefaultValue("http://127.0.0.1:8099") URI url,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue Retry retry,
      @DefaultValue Breaker breaker,
      @DefaultValue Bulkhead bulkhead) {

    public Processor {
      require(url.getScheme() != null && url.getScheme().startsWith("http"), "processor.url must be an http(s) URL");
      require(positive(timeout), "processor.timeout must be positive");
      require(positive(connectTimeout), "processor.connect-timeout must be positive");
    }

    /** How long one operation (a call and all its retries, at the longest jittered delays) may take. */
    Duration worstCaseDuration() {
      Duration total = timeout.multipliedBy(retry.maxRetries() + 1L);
      double delay = retry.initialDelay().toMillis();
      for (int i = 0; i < retry.maxRetries(); i++) {
        total = total.plusMillis((long) (delay * (1 + retry.jitter())));
        delay *= retry.multiplier();
      }
      return total;
    }
  }

  /**
   * @param maxRetries retries after the first call (so up to maxRetries + 1 calls)
   * @param initialDelay the pause before the first retry
   * @param multiplier how much each pause grows
   * @param jitter the random share added to or taken from each pause (0.2 = ±20 %)
   */
  public record Retry(
      @DefaultValue("3") int maxRetries,
      @DefaultValue("1s") Duration initialDelay,
      @DefaultValue("2") double multiplier,
      @DefaultValue("0.2") double jitter) {

    public Retry {
      require(maxRetries >= 0 && maxRetries <= 10, "processor.retry.max-retries must be in 0..10");
      require(positive(initialDelay), "processor.retry.initial-delay must be positive");
      require(multiplier >= 1 && multiplier <= 10, "processor.retry.multiplier must be in 1..10");
      require(jitter >= 0 && jitter < 1, "processor.retry.jitter must be in [0, 1)");
    }
  }

  /**
   * @param failureRateThreshold the percentage of failed calls that opens the breaker
   * @param slidingWindowSize how many of the latest calls the rate is computed over
   * @param minimumCalls how many calls the window needs before the rate counts
   * @param openDuration how long the breaker stays open before letting probes through
   * @param halfOpenCalls how many probe calls decide whether it closes again
   */
  public record Breaker(
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("10") int slidingWindowSize,
      @DefaultValue("10") int minimumCalls,
      @DefaultValue("30s") Duration openDuration,
      @DefaultValue("3") int halfOpenCalls) {

    public Breaker {
      require(failureRateThreshold > 0 && failureRateThreshold <= 100,
          "processor.breaker.failure-rate-threshold must be in (0, 100]");
      require(slidingWindowSize >= 1 && slidingWindowSize <= 10_000, "processor.breaker.sliding-window-size must be in 1..10000");
      require(minimumCalls >= 1 && minimumCalls <= slidingWindowSize,
          "processor.breaker.minimum-calls must be in 1..sliding-window-size");
      require(positive(openDuration), "processor.breaker.open-duration must be positive");
      require(halfOpenCalls >= 1 && halfOpenCalls <= 1000, "processor.breaker.half-open-calls must be in 1..1000");
    }
  }

  /**
   * @param maxConcurrentCalls the most calls to the processor at once, over all payments and refunds
   *     of this instance; the charger never takes more payments at once than this
   */
  public record Bulkhead(@DefaultValue("50") int maxConcurrentCalls) {

    public Bulkhead {
      require(maxConcurrentCalls >= 1 && maxConcurrentCalls <= 10_000,
          "processor.bulkhead.max-concurrent-calls must be in 1..10000");
    }
  }

  /**
   * @param enabled run the charger in this instance (several instances share the pending payments)
   * @param pollInterval how often it looks for due work when nothing woke it
   * @param lease how long a taken payment is reserved for the instance that took it; one that
   *     crashed mid-call leaves it to others (or itself, restarted) after this
   * @param waitInitialDelay in {@code wait} mode, the pause before a payment is tried again,
   *     doubled per round up to {@code waitMaxDelay}, ±20 % jitter; also the backoff of refunds
   * @param waitMaxDelay the longest such pause
   */
  public record Charger(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("2m") Duration lease,
      @DefaultValue("5s") Duration waitInitialDelay,
      @DefaultValue("5m") Duration waitMaxDelay) {

    public Charger {
      require(positive(pollInterval), "charger.poll-interval must be positive");
      require(positive(lease), "charger.lease must be positive");
      require(positive(waitInitialDelay), "charger.wait-initial-delay must be positive");
      require(waitMaxDelay.compareTo(waitInitialDelay) >= 0, "charger.wait-max-delay must be at least wait-initial-delay");
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.payment." + message);
    }
  }
}
