package dev.emporium.gateway.resilience;

import dev.emporium.gateway.config.BulkheadConfig;
import dev.emporium.gateway.config.CircuitBreakerConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;

/** Builds a cluster's circuit breaker and bulkhead from configuration, with Resilience4j. */
public final class ClusterGuards {

  private ClusterGuards() {}

  /** The breaker, or null when the cluster has it disabled. */
  public static CircuitBreaker breaker(String cluster, CircuitBreakerConfig config) {
    if (!config.enabled()) return null;
    io.github.resilience4j.circuitbreaker.CircuitBreakerConfig r4j =
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .failureRateThreshold(config.failureRateThreshold())
            .slidingWindowType(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(config.slidingWindowSize())
            // Both event loops record every call; a lock here would let one stall the other.
            .slidingWindowSynchronizationStrategy(
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
            .minimumNumberOfCalls(config.minimumCalls())
            .waitDurationInOpenState(config.openDuration())
            .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .writableStackTraceEnabled(false)
            .build();
    return CircuitBreaker.of(cluster, r4j);
  }

  public static Bulkhead bulkhead(String cluster, BulkheadConfig config) {
    return Bulkhead.of(cluster, io.github.resilience4j.bulkhead.BulkheadConfig.custom()
        .maxConcurrentCalls(config.maxConcurrentRequests())
        .maxWaitDuration(Duration.ZERO)
        .writableStackTraceEnabled(false)
        .build());
  }
}
