package dev.emporium.gateway.policy.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of one limit on one route, looked up once when the policy is made so that counting a
 * decision is an atomic add. Prometheus names: {@code gateway_rate_limit_decisions_total},
 * {@code gateway_rate_limit_unsynchronized_decisions_total} and
 * {@code gateway_rate_limit_backend_failures_total}.
 */
final class RateLimitMetrics {

  final Counter allowed;
  final Counter limited;
  final Counter refused;
  /** Redis state: decisions taken from this instance's copy of a bucket, without a round trip. */
  final Counter unsynchronized;

  RateLimitMetrics(MeterRegistry registry, String route, String limit) {
    allowed = decisions(registry, route, limit, "allowed");
    limited = decisions(registry, route, limit, "limited");
    refused = decisions(registry, route, limit, "refused");
    unsynchronized = Counter.builder("gateway.rate_limit.unsynchronized.decisions")
        .description("Redis-state token-bucket decisions taken from the instance's own copy of the bucket, "
            + "without a Redis round trip (redis.syncShare)")
        .tags("route", route, "limit", limit)
        .register(registry);
  }

  private static Counter decisions(MeterRegistry registry, String route, String limit, String decision) {
    return Counter.builder("gateway.rate_limit.decisions")
        .description("Rate-limit decisions: allowed, limited (429), refused for want of a key")
        .tags("route", route, "limit", limit, "decision", decision)
        .register(registry);
  }

  /** Calls to Redis that failed or timed out, by what was done instead: open (local limit) or closed (503). */
  static Counter backendFailures(MeterRegistry registry, String route, String mode) {
    return Counter.builder("gateway.rate_limit.backend.failures")
        .description("Rate-limit calls to Redis that failed or timed out, by failure mode")
        .tags("route", route, "mode", mode)
        .register(registry);
  }
}
