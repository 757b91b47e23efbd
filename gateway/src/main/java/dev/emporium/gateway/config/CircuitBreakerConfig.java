package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * The cluster's circuit breaker (Resilience4j). Connection failures, timeouts, resets and 5xx
 * responses count as failures.
 *
 * @param enabled whether to use a breaker
 * @param failureRateThreshold failure percentage that opens the breaker (spec: 50)
 * @param slidingWindowSize calls the failure rate is computed over (spec: 10)
 * @param minimumCalls calls needed before the rate is judged, default the window size
 * @param openDuration time the breaker stays open (spec: 30 s)
 * @param halfOpenCalls trial calls let through when half-open (spec: 3)
 */
public record CircuitBreakerConfig(
    Boolean enabled,
    Integer failureRateThreshold,
    Integer slidingWindowSize,
    Integer minimumCalls,
    Duration openDuration,
    Integer halfOpenCalls) {

  public static final CircuitBreakerConfig DEFAULTS = new CircuitBreakerConfig(null, null, null, null, null, null);

  public CircuitBreakerConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    failureRateThreshold = failureRateThreshold == null ? 50 : failureRateThreshold;
    slidingWindowSize = slidingWindowSize == null ? 10 : slidingWindowSize;
    minimumCalls = minimumCalls == null ? slidingWindowSize : minimumCalls;
    openDuration = openDuration == null ? Duration.ofSeconds(30) : openDuration;
    halfOpenCalls = halfOpenCalls == null ? 3 : halfOpenCalls;
  }
}
