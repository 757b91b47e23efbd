package dev.emporium.gateway.policy.ratelimit;

import java.util.HashMap;
import java.util.Map;

/**
 * The Redis connections of one gateway, one per URI and timeouts, counted by the policies that use
 * them. A reload makes new policies before the old ones are closed, so a connection the new
 * configuration still names is kept; one it no longer names closes with the last old policy.
 */
final class RedisBackends {

  private final Map<RedisConfig.ConnectionKey, RedisBackend> backends = new HashMap<>();

  synchronized RedisBackend acquire(RedisConfig config) {
    RedisBackend backend = backends.get(config.connectionKey());
    if (backend == null) {
      backend = new RedisBackend(config);
      backends.put(config.connectionKey(), backend);
      backend.start();
    }
    backend.users++;
    return backend;
  }

  synchronized void release(RedisBackend backend) {
    if (--backend.users > 0) return;
    backends.remove(backend.key(), backend);
    backend.close();
  }

  /** Connections open now, for tests and diagnostics. */
  synchronized int open() {
    return backends.size();
  }
}
