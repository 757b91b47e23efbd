package dev.emporium.gateway.policy.ratelimit;

import io.lettuce.core.RedisURI;
import java.time.Duration;

/**
 * Where shared rate-limit state lives. Policies naming the same {@code uri} and timeouts share one
 * connection per gateway; it is closed once no policy of the serving configuration uses it.
 *
 * @param uri {@code redis://[:password@]host:port[/db]} or {@code rediss://...}; required
 * @param keyPrefix prefix of every key the policy writes; default {@code emporium:rl:}
 * @param timeout how long a request waits for Redis before the failure mode applies; default 100ms
 * @param connectTimeout how long connecting may take; requests wait for it only while the gateway
 *     makes its first connection (later reconnections happen in the background); default 1s
 * @param syncShare token buckets: the share of a limit's capacity that one instance may admit from
 *     its own copy of a key's bucket before it tells Redis, as a percentage from {@code 0%} to
 *     {@code 10%}; {@code 0%} takes every decision in Redis. Each instance may therefore overshoot a
 *     limit by that many requests, at most. Default {@code 1%} (a limit of fewer than 100 is exact)
 * @param syncInterval token buckets: the longest one instance decides a key from its own copy
 *     before reading Redis again; default 100ms
 */
public record RedisConfig(String uri, String keyPrefix, Duration timeout, Duration connectTimeout, String syncShare,
    Duration syncInterval) {

  /** The largest {@link #syncShare}: beyond it instances would drift too far apart to share a limit. */
  static final double MAX_SYNC_SHARE = 0.10;

  public RedisConfig {
    if (uri == null || uri.isBlank()) throw new IllegalArgumentException("redis.uri is required");
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      throw new IllegalArgumentException("redis.uri must start with redis:// or rediss://");
    }
    try {
      java.net.URI parsed = new java.net.URI(uri);
      if (parsed.getHost() == null) throw new IllegalArgumentException("no host");
      RedisURI.create(uri);
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // The message of the parser may quote the URI, password included: say only what is wrong.
      throw new IllegalArgumentException("redis.uri is not a valid Redis URI (redis://host:port[/db])");
    }
    keyPrefix = keyPrefix == null ? "emporium:rl:" : keyPrefix;
    timeout = timeout == null ? Duration.ofMillis(100) : timeout;
    if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("redis.timeout must be between 1ms and 30s; got " + timeout);
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
    if (connectTimeout.toMillis() < 1 || connectTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("redis.connectTimeout must be between 1ms and 1m; got " + connectTimeout);
    }
    syncShare = syncShare == null ? "1%" : syncShare.strip();
    share(syncShare);
    syncInterval = syncInterval == null ? Duration.ofMillis(100) : syncInterval;
    if (syncInterval.toMillis() < 1 || syncInterval.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new IllegalArgumentException("redis.syncInterval must be between 1ms and 10s; got " + syncInterval);
    }
  }

  /**
   * How many of a limit's {@code capacity} requests one instance may admit before telling Redis:
   * {@link #syncShare} of it, rounded down; 0 means every decision is taken in Redis.
   */
  long unsynchronizedTokens(long capacity) {
    return (long) Math.floor(capacity * share(syncShare) + 1e-9);
  }

  private static double share(String text) {
    String number = text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
    double percent;
    try {
      percent = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      percent = Double.NaN;
    }
    // Without a percent sign only 0 is unambiguous.
    if (Double.isNaN(percent) || (!text.endsWith("%") && percent != 0)
        || percent < 0 || percent > MAX_SYNC_SHARE * 100) {
      throw new IllegalArgumentException("redis.syncShare must be a percentage from 0% to "
          + Math.round(MAX_SYNC_SHARE * 100) + "%, e.g. 1%; got '" + text + "'");
    }
    return percent / 100;
  }

  /** What a shared connection is keyed by: everything but the key prefix. */
  record ConnectionKey(String uri, Duration timeout, Duration connectTimeout) {}

  ConnectionKey connectionKey() {
    return new ConnectionKey(uri, timeout, connectTimeout);
  }

  @Override
  public String toString() {
    // The URI may hold a password; never print it.
    return "RedisConfig[keyPrefix=" + keyPrefix + ", timeout=" + timeout + ", syncShare=" + syncShare
        + ", syncInterval=" + syncInterval + "]";
  }
}
