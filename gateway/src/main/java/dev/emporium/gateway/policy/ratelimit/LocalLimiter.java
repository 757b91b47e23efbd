package dev.emporium.gateway.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucket;
import java.time.Duration;
import java.util.function.Function;

/**
 * One limit's counts in this instance's memory: a Bucket4j token bucket or a sliding-window
 * counter per key, in a Caffeine map bounded by {@code maxKeys}. A key idle for as long as its
 * quota takes to become whole again is dropped, which loses nothing: it would start full anyway.
 */
final class LocalLimiter {

  private final LimitConfig limit;
  private final Cache<String, Object> counters;
  private final Function<String, Object> create;

  LocalLimiter(LimitConfig limit, int maxKeys) {
    this.limit = limit;
    this.counters = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterAccess(idleTime(limit))
        // Upkeep runs on the caller's thread in small amortized steps, not on a shared pool.
        .executor(Runnable::run)
        .build();
    this.create = limit.tokenBucket() ? k -> newBucket(limit) : k -> new SlidingWindow.Counter(limit);
  }

  /** Counts one request of {@code key}. Never blocks: at worst a short lock on that one key. */
  Decision tryAcquire(String key) {
    Object counter = counters.get(key, create);
    if (counter instanceof SlidingWindow.Counter window) return window.tryAcquire(System.nanoTime());
    ConsumptionProbe probe = ((LocalBucket) counter).tryConsumeAndReturnRemaining(1);
    return TokenBuckets.decision(limit, probe);
  }

  long size() {
    counters.cleanUp();
    return counters.estimatedSize();
  }

  private static LocalBucket newBucket(LimitConfig limit) {
    return Bucket.builder().addLimit(TokenBuckets.bandwidth(limit)).withNanosecondPrecision().build();
  }

  private static Duration idleTime(LimitConfig limit) {
    if (!limit.tokenBucket()) return limit.period().multipliedBy(2);
    long periods = (limit.capacity() + limit.refillTokens() - 1) / limit.refillTokens();
    return limit.period().multipliedBy(periods);
  }

  /** Helpers shared by the local and the Redis token bucket. */
  static final class TokenBuckets {
    private TokenBuckets() {}

    static Bandwidth bandwidth(LimitConfig limit) {
      var stage = Bandwidth.builder().capacity(limit.capacity());
      return (limit.refill().equals("interval")
          ? stage.refillIntervally(limit.refillTokens(), limit.period())
          : stage.refillGreedy(limit.refillTokens(), limit.period())).build();
    }

    static Decision decision(LimitConfig limit, ConsumptionProbe probe) {
      return new Decision(limit, probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForReset(),
          probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill()));
    }
  }
}
