package dev.emporium.gateway.policy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Identities of tokens already verified, so that a token seen again costs a SHA-256 and a lookup
 * instead of a signature check or an introspection call. Bounded in entries; each entry lives until
 * the token stops being valid, and never longer than the configured maximum, so that a key removed
 * by the issuer stops being honoured within that time. Keyed by the token's hash: the cache never
 * holds a usable token.
 */
public final class VerifiedTokens {

  /** @param validUntilMillis the wall-clock time after which the token is no longer accepted */
  public record Entry(Identity identity, long validUntilMillis) {}

  private final Cache<TokenHash, Entry> cache;
  private final LongSupplier clock;
  private final Counter hits;
  private final Counter misses;

  public VerifiedTokens(TokenCacheConfig config, LongSupplier clock, MeterRegistry meters, String route, String policy) {
    this.clock = clock;
    long maxTtlNanos = config.maxTtl().toNanos();
    this.cache = config.maxEntries() == 0 ? null : Caffeine.newBuilder()
        .maximumSize(config.maxEntries())
        .expireAfter(Expiry.<TokenHash, Entry>creating((key, entry) -> {
          long left = entry.validUntilMillis() - clock.getAsLong();
          return Duration.ofNanos(Math.max(0, Math.min(maxTtlNanos, TimeUnit.MILLISECONDS.toNanos(Math.min(left, Long.MAX_VALUE / 1_000_000)))));
        }))
        .build();
    this.hits = counter(meters, route, policy, "hit");
    this.misses = counter(meters, route, policy, "miss");
  }

  private static Counter counter(MeterRegistry meters, String route, String policy, String result) {
    return Counter.builder("gateway.auth.token.cache")
        .description("Lookups of verified tokens, by route, policy and result")
        .tags("route", route, "policy", policy, "result", result)
        .register(meters);
  }

  /** The identity of a token verified before and still valid, or null. */
  public Entry get(TokenHash hash) {
    if (cache == null) return null;
    Entry entry = cache.getIfPresent(hash);
    if (entry == null || entry.validUntilMillis() < clock.getAsLong()) {
      misses.increment();
      return null;
    }
    hits.increment();
    return entry;
  }

  public void put(TokenHash hash, Entry entry) {
    if (cache != null && entry.validUntilMillis() > clock.getAsLong()) cache.put(hash, entry);
  }
}
