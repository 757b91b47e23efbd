package dev.emporium.gateway.policy.ratelimit;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of the {@code rate-limit} policy: one or more limits, all of which a request must pass,
 * and where their counts are kept.
 *
 * @param limits the limits; default one, 1000 requests per minute per user
 * @param state {@code local} (this instance's memory) or {@code redis} (shared by every instance);
 *     default {@code local}
 * @param redis the Redis to use; required when {@code state} is {@code redis}
 * @param failureMode when Redis fails or is slower than its timeout: {@code open} (decide with a
 *     local limit of the same settings in this instance) or {@code closed} (answer 503); default
 *     {@code open}
 * @param maxKeys local state: keys (users, addresses...) kept per limit; the least recently used
 *     go first, and idle ones go once their bucket would be full again; default 100000
 * @param headers whether responses carry {@code RateLimit-*} headers; default true
 */
public record RateLimitConfig(
    List<LimitConfig> limits,
    String state,
    RedisConfig redis,
    String failureMode,
    Integer maxKeys,
    Boolean headers) {

  public RateLimitConfig {
    limits = limits == null ? List.of(LimitConfig.DEFAULT) : List.copyOf(limits);
    if (limits.isEmpty()) throw new IllegalArgumentException("limits must name at least one limit");
    if (limits.size() > 16) throw new IllegalArgumentException("limits: at most 16 per policy; got " + limits.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < limits.size(); i++) {
      LimitConfig limit = limits.get(i);
      if (limit == null) throw new IllegalArgumentException("limits[" + i + "] is empty");
      if (!names.add(limit.name())) {
        throw new IllegalArgumentException("limits[" + i + "].name '" + limit.name() + "' is used twice; name each limit");
      }
    }
    state = state == null ? "local" : state.toLowerCase(Locale.ROOT);
    if (!state.equals("local") && !state.equals("redis")) {
      throw new IllegalArgumentException("state must be local or redis; got '" + state + "'");
    }
    if (state.equals("redis") && redis == null) throw new IllegalArgumentException("redis is required when state is redis");
    if (state.equals("local") && redis != null) throw new IllegalArgumentException("redis applies only when state is redis");
    failureMode = failureMode == null ? "open" : failureMode.toLowerCase(Locale.ROOT);
    if (!failureMode.equals("open") && !failureMode.equals("closed")) {
      throw new IllegalArgumentException("failureMode must be open or closed; got '" + failureMode + "'");
    }
    maxKeys = maxKeys == null ? 100_000 : maxKeys;
    if (maxKeys < 1 || maxKeys > 100_000_000) {
      throw new IllegalArgumentException("maxKeys must be between 1 and 100000000; got " + maxKeys);
    }
    headers = headers == null || headers;
  }
}
