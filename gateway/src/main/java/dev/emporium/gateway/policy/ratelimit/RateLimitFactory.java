package dev.emporium.gateway.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rate-limit} policy. One factory serves one gateway (its policy registry), and keeps
 * what must outlive a configuration load: the Redis connections, counted by the policies that use
 * them, and the local counts, which a reload that keeps a limit unchanged carries over.
 */
public final class RateLimitFactory implements PolicyFactory<RateLimitConfig> {

  private final RedisBackends redis = new RedisBackends();

  /** Local counts by route and limit, held only while a policy holds them. */
  private final Cache<LocalKey, LocalLimiter> locals = Caffeine.newBuilder().weakValues().build();

  private record LocalKey(String route, LimitConfig limit, int maxKeys) {}

  @Override
  public String name() {
    return "rate-limit";
  }

  @Override
  public Class<RateLimitConfig> configType() {
    return RateLimitConfig.class;
  }

  @Override
  public Policy create(RateLimitConfig config, PolicyContext context) {
    String route = context.routeName();
    RedisBackend backend = config.state().equals("redis") ? redis.acquire(config.redis()) : null;
    List<RateLimitPolicy.Limit> limits = new ArrayList<>();
    for (LimitConfig limit : config.limits()) {
      LocalLimiter local = locals.get(new LocalKey(route, limit, config.maxKeys()),
          k -> new LocalLimiter(limit, config.maxKeys()));
      RateLimitMetrics meters = new RateLimitMetrics(context.meters(), route, limit.name());
      RedisLimiter shared = backend == null ? null
          : new RedisLimiter(limit, backend, config.redis(), route, context.vertx(), config.maxKeys(),
              meters.unsynchronized);
      limits.add(new RateLimitPolicy.Limit(limit, new KeyResolver(limit), local, shared, meters));
    }
    return new RateLimitPolicy(route, limits, config,
        RateLimitMetrics.backendFailures(context.meters(), route, config.failureMode()), context.vertx(),
        backend == null ? () -> { } : () -> redis.release(backend));
  }

  /** Redis connections open now; for tests. */
  int openRedisConnections() {
    return redis.open();
  }
}
