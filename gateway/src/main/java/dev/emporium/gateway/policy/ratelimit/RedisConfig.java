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
 */
public record RedisConfig(String uri, String keyPrefix, Duration timeout, Duration connectTimeout) {

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
  }

  /** What a shared connection is keyed by: everything but the key prefix. */
  record ConnectionKey(String uri, Duration timeout, Duration connectTimeout) {}

  ConnectionKey connectionKey() {
    return new ConnectionKey(uri, timeout, connectTimeout);
  }

  @Override
  public String toString() {
    // The URI may hold a password; never print it.
    return "RedisConfig[keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
  }
}
