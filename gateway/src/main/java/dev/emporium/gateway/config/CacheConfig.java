package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * The gateway-wide response cache that every route's {@code cache} policy shares: one byte budget
 * for the whole gateway, so a busy route can use what a quiet one does not, and optionally a Redis
 * tier that several gateway instances share. Changes apply on reload.
 *
 * @param maxSize bytes the in-memory cache may hold (bodies, headers and keys), default 64MiB;
 *     least valuable entries are evicted past it
 * @param redis the shared tier, or null for memory only
 */
public record CacheConfig(ByteSize maxSize, Redis redis) {

  public static final CacheConfig DEFAULTS = new CacheConfig(null, null);

  public CacheConfig {
    maxSize = maxSize == null ? ByteSize.ofMebibytes(64) : maxSize;
    if (maxSize.bytes() < 1024) throw new IllegalArgumentException("cache.maxSize must be at least 1KiB");
  }

  /**
   * Where entries are shared among gateway instances.
   *
   * @param uri {@code redis://host:port[/database]} or {@code rediss://} for TLS; credentials may be
   *     given as {@code redis://:password@host:port} and are never printed
   * @param keyPrefix prefix of every key the cache writes, default {@code emporium:cache:}; purges
   *     scan only keys under it
   * @param timeout longest wait for one Redis command before the request goes on without it,
   *     default 200ms
   */
  public record Redis(String uri, String keyPrefix, Duration timeout) {

    public Redis {
      if (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://"))) {
        throw new IllegalArgumentException("cache.redis.uri must be redis://host:port or rediss://host:port");
      }
      keyPrefix = keyPrefix == null ? "emporium:cache:" : keyPrefix;
      timeout = timeout == null ? Duration.ofMillis(200) : timeout;
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("cache.redis.timeout must be a positive duration");
      }
    }

    /** Hides a password in the URI. */
    @Override
    public String toString() {
      String shown = uri.replaceFirst("//[^@/]*@", "//***@");
      return "Redis[uri=" + shown + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
    }
  }
}
