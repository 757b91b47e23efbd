package dev.emporium.gateway.policy.auth;

import java.time.Duration;

/**
 * A bounded cache of verified tokens, keyed by the token's SHA-256.
 *
 * @param maxEntries how many tokens are remembered; 0 turns the cache off
 * @param maxTtl the longest a verdict is kept, whatever the token's own expiry
 */
public record TokenCacheConfig(Integer maxEntries, Duration maxTtl) {

  public static final TokenCacheConfig DEFAULTS = new TokenCacheConfig(null, null);

  public TokenCacheConfig {
    maxEntries = maxEntries == null ? 10_000 : maxEntries;
    maxTtl = maxTtl == null ? Duration.ofMinutes(5) : maxTtl;
    if (maxEntries < 0 || maxEntries > 10_000_000) {
      throw new IllegalArgumentException("cache.maxEntries: must be between 0 and 10000000, is " + maxEntries);
    }
    if (maxTtl.isNegative() || maxTtl.isZero()) {
      throw new IllegalArgumentException("cache.maxTtl: must be a positive duration");
    }
  }
}
