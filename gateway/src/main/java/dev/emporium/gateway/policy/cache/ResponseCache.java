package dev.emporium.gateway.policy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.emporium.gateway.config.CacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One gateway's response cache, shared by every route with a {@code cache} policy: Caffeine bounded
 * by a byte budget (each entry weighs its body, headers and keys), entries expiring when they may
 * no longer be used even stale, and optionally a Redis tier behind it. Thread-safe: every event loop
 * uses it.
 */
final class ResponseCache {

  private static final String VARY = "v\n";
  private static final String ENTRY = "e\n";

  private final Vertx vertx;
  private final CacheMetrics metrics;
  private final Cache<String, Stored> local;
  private volatile long maxBytes;
  private volatile RedisTier redis;

  ResponseCache(Vertx vertx, MeterRegistry registry, CacheConfig config) {
    this.vertx = vertx;
    this.metrics = new CacheMetrics(registry);
    this.maxBytes = config.maxSize().bytes();
    this.local = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, Stored value) -> value.weight() + 2 * key.length())
        .expireAfter(new UntilKeepUntil())
        // Maintenance on the writing thread: eviction is then immediate and its cost bounded per
        // write, and no pool thread is needed.
        .executor(Runnable::run)
        .evictionListener((String key, Stored value, RemovalCause cause) -> {
          if (value instanceof CachedResponse) metrics.eviction(cause == RemovalCause.SIZE ? "size" : "expired");
        })
        .build();
    metrics.gauges(
        () -> local.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L),
        local::estimatedSize,
        () -> maxBytes);
    reconfigure(config);
  }

  CacheMetrics metrics() {
    return metrics;
  }

  /** Applies a reloaded {@code cache:} block: a new budget at once, a new Redis tier if it changed. */
  synchronized void reconfigure(CacheConfig config) {
    if (config.maxSize().bytes() != maxBytes) {
      maxBytes = config.maxSize().bytes();
      local.policy().eviction().ifPresent(e -> e.setMaximum(maxBytes));
    }
    RedisTier current = redis;
    CacheConfig.Redis wanted = config.redis();
    if (current != null && Objects.equals(current.config(), wanted)) return;
    if (current == null && wanted == null) return;
    redis = wanted == null ? null : new RedisTier(vertx, wanted, metrics, this::purgeFromPeer);
    if (current != null) current.close();
  }

  void close() {
    RedisTier r = redis;
    redis = null;
    if (r != null) r.close();
  }

  /**
   * The stored response for this request, fresh or stale, or null. Memory first; Redis when memory
   * has nothing fresh, and what Redis has is kept in memory from then on.
   */
  Future<CachedResponse> lookup(CacheKey key, MultiMap requestHeaders) {
    long now = System.currentTimeMillis();
    CachedResponse found = lookupLocal(key, requestHeaders, now);
    RedisTier r = redis;
    if (r == null || found != null && found.fresh(now)) return Future.succeededFuture(found);
    return lookupRemote(r, key, requestHeaders).map(remote -> {
      if (remote == null || remote.keepUntil() <= System.currentTimeMillis()) return found;
      if (found != null && found.freshUntil() >= remote.freshUntil()) return found;
      metrics.redisHit();
      putLocal(key, remote);
      return remote;
    });
  }

  private CachedResponse lookupLocal(CacheKey key, MultiMap headers, long now) {
    if (!(local.getIfPresent(VARY + key.base()) instanceof VaryRecord vary)) return null;
    List<String> values = CacheKey.varyValues(vary.names(), headers);
    CachedResponse hit = match(local.getIfPresent(ENTRY + key.variant(CacheKey.PUBLIC, vary.names(), values)),
        CacheKey.PUBLIC, vary.names(), values, now);
    if (hit != null) return hit;
    return match(local.getIfPresent(ENTRY + key.variant(key.identity(), vary.names(), values)),
        key.identity(), vary.names(), values, now);
  }

  /** Checks again what the key already says, so that no key collision can cross callers or variants. */
  private static CachedResponse match(Stored stored, String scope, List<String> names, List<String> values, long now) {
    if (!(stored instanceof CachedResponse e)) return null;
    if (e.keepUntil() <= now || !e.scope().equals(scope) || !e.varyNames().equals(names)
        || !e.varyValues().equals(values)) {
      return null;
    }
    return e;
  }

  private Future<CachedResponse> lookupRemote(RedisTier r, CacheKey key, MultiMap headers) {
    return r.get(redisVaryKey(r, key)).compose(bytes -> {
      if (bytes == null) return Future.succeededFuture(null);
      List<String> names = VaryRecord.namesFromBytes(bytes);
      List<String> values = CacheKey.varyValues(names, headers);
      List<String> keys = List.of(
          redisEntryKey(r, key, key.variant(CacheKey.PUBLIC, names, values)),
          redisEntryKey(r, key, key.variant(key.identity(), names, values)));
      return r.mget(keys).map(found -> {
        long now = System.currentTimeMillis();
        CachedResponse pub = found.get(0) == null ? null
            : match(CachedResponse.fromBytes(found.get(0)), CacheKey.PUBLIC, names, values, now);
        if (pub != null && pub.route().equals(key.route())) return pub;
        CachedResponse own = found.get(1) == null ? null
            : match(CachedResponse.fromBytes(found.get(1)), key.identity(), names, values, now);
        return own != null && own.route().equals(key.route()) ? own : null;
      });
    });
  }

  /** Stores a response (replacing the variant it belongs to) in memory and, when configured, in Redis. */
  void store(CacheKey key, CachedResponse entry) {
    putLocal(key, entry);
    RedisTier r = redis;
    if (r == null) return;
    long ttl = entry.keepUntil() - System.currentTimeMillis();
    r.set(redisVaryKey(r, key), new VaryRecord(key.route(), key.path(), entry.varyNames(), entry.keepUntil()).toBytes(), ttl);
    r.set(redisEntryKey(r, key, key.variant(entry.scope(), entry.varyNames(), entry.varyValues())), entry.toBytes(), ttl);
  }

  private void putLocal(CacheKey key, CachedResponse entry) {
    String varyKey = VARY + key.base();
    local.asMap().compute(varyKey, (k, old) -> {
      long keep = entry.keepUntil();
      if (old instanceof VaryRecord v && v.names().equals(entry.varyNames())) keep = Math.max(keep, v.keepUntil());
      return new VaryRecord(key.route(), key.path(), entry.varyNames(), keep);
    });
    local.put(ENTRY + key.variant(entry.scope(), entry.varyNames(), entry.varyValues()), entry);
  }

  /** Removes one variant, e.g. when the upstream no longer has the resource. */
  void remove(CacheKey key, CachedResponse entry) {
    String variant = key.variant(entry.scope(), entry.varyNames(), entry.varyValues());
    local.invalidate(ENTRY + variant);
    RedisTier r = redis;
    if (r != null) r.delete(List.of(redisEntryKey(r, key, variant)));
  }

  /**
   * Removes every entry of {@code route} (any route when null) whose path starts with
   * {@code prefix} (any path when null), here, in Redis, and, through Redis, on the other instances.
   */
  Future<JsonObject> purge(String route, String prefix) {
    long removed = purgeLocal(route, prefix);
    JsonObject result = new JsonObject().put("purged", removed);
    RedisTier r = redis;
    if (r == null) return Future.succeededFuture(result);
    JsonObject announcement = new JsonObject().put("route", route).put("prefix", prefix);
    String keyPrefix = r.config().keyPrefix();
    return r.purge(k -> matchesRedisKey(k, keyPrefix, route, prefix), announcement)
        .map(n -> result.put("shared", n))
        .otherwise(e -> result.put("shared", (Long) null).put("sharedError", "Redis unavailable; purged from memory only"));
  }

  private long purgeLocal(String route, String prefix) {
    long removed = 0;
    for (Map.Entry<String, Stored> e : new ArrayList<>(local.asMap().entrySet())) {
      Stored s = e.getValue();
      if ((route == null || s.route().equals(route)) && (prefix == null || s.path().startsWith(prefix))) {
        if (local.asMap().remove(e.getKey(), s) && s instanceof CachedResponse) removed++;
      }
    }
    metrics.purged(removed);
    return removed;
  }

  private void purgeFromPeer(JsonObject purge) {
    purgeLocal(purge.getString("route"), purge.getString("prefix"));
  }

  // Redis keys name the route and the path in clear, so that a purge can select them by scanning,
  // and end with a hash of the full key (which may hold header values).

  private static String redisVaryKey(RedisTier r, CacheKey key) {
    return r.config().keyPrefix() + key.route() + '|' + key.path() + "|v" + CacheKey.sha256Hex(key.base());
  }

  private static String redisEntryKey(RedisTier r, CacheKey key, String variant) {
    return r.config().keyPrefix() + key.route() + '|' + key.path() + "|e" + CacheKey.sha256Hex(variant);
  }

  static boolean matchesRedisKey(String redisKey, String keyPrefix, String route, String prefix) {
    if (!redisKey.startsWith(keyPrefix)) return false;
    String rest = redisKey.substring(keyPrefix.length());
    int first = rest.indexOf('|');
    int last = rest.lastIndexOf('|');
    if (first < 0 || last <= first) return false;
    String keyRoute = rest.substring(0, first);
    String keyPath = rest.substring(first + 1, last);
    return (route == null || keyRoute.equals(route)) && (prefix == null || keyPath.startsWith(prefix));
  }

  /** Entries live until they can no longer be served even stale; updates reset the clock. */
  private static final class UntilKeepUntil implements Expiry<String, Stored> {
    private static long nanosLeft(Stored value) {
      long ms = value.keepUntil() - System.currentTimeMillis();
      return ms <= 0 ? 0 : Math.min(ms, Long.MAX_VALUE / 1_000_000) * 1_000_000;
    }

    @Override
    public long expireAfterCreate(String key, Stored value, long currentTime) {
      return nanosLeft(value);
    }

    @Override
    public long expireAfterUpdate(String key, Stored value, long currentTime, long currentDuration) {
      return nanosLeft(value);
    }

    @Override
    public long expireAfterRead(String key, Stored value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
