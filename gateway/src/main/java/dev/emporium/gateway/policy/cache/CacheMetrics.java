package dev.emporium.gateway.policy.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cache's meters: gateway-wide ones (bytes, entries, evictions, Redis errors, purges) and, per
 * route, lookups by result. Counters are looked up once and kept.
 */
final class CacheMetrics {

  /** Results of a lookup, as the {@code X-Cache} header and the {@code result} label say them. */
  enum Result {
    HIT, MISS, STALE, REVALIDATED, BYPASS;

    final String label = name().toLowerCase(java.util.Locale.ROOT);
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  CacheMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void gauges(Supplier<Number> bytes, Supplier<Number> entries, Supplier<Number> maxBytes) {
    Gauge.builder("gateway.cache.bytes", () -> bytes.get().doubleValue())
        .description("Bytes the in-memory response cache holds").baseUnit("bytes").register(registry);
    Gauge.builder("gateway.cache.entries", () -> entries.get().doubleValue())
        .description("Responses and vary records the in-memory response cache holds").register(registry);
    Gauge.builder("gateway.cache.max.bytes", () -> maxBytes.get().doubleValue())
        .description("The in-memory response cache's byte budget (cache.maxSize)").baseUnit("bytes").register(registry);
  }

  /** Per-route counters of lookups by result. */
  Counter[] route(String route) {
    Counter[] byResult = new Counter[Result.values().length];
    for (Result r : Result.values()) {
      byResult[r.ordinal()] = Counter.builder("gateway.cache.requests")
          .description("Requests on cached routes, by what the cache did: hit, miss, stale, revalidated, bypass")
          .tags("route", route, "result", r.label)
          .register(registry);
    }
    return byResult;
  }

  void eviction(String cause) {
    counter("gateway.cache.evictions", "Entries removed from memory before a purge asked: size (over cache.maxSize) or expired",
        "cause", cause).increment();
  }

  void redisError(String operation) {
    counter("gateway.cache.redis.errors", "Redis commands of the cache that failed or timed out; the cache went on from memory",
        "operation", operation).increment();
  }

  void redisHit() {
    counter("gateway.cache.redis.hits", "Entries found in Redis after a miss in memory", null, null).increment();
  }

  void purged(long entries) {
    counter("gateway.cache.purged", "Entries removed from memory by purges", null, null).increment(entries);
  }

  private Counter counter(String name, String description, String tag, String value) {
    return counters.computeIfAbsent(name + '|' + value, k -> {
      Counter.Builder b = Counter.builder(name).description(description);
      if (tag != null) b.tag(tag, value);
      return b.register(registry);
    });
  }
}
