package dev.emporium.gateway.policy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * One limit's counts in Redis, shared by every instance using the same key prefix. Token buckets
 * are Bucket4j's (compare-and-swap through Lettuce, concurrent requests for one key batched). With
 * a {@code redis.syncShare} above 0%, each instance decides a key from its own copy of the bucket
 * for up to that share of the limit or {@code redis.syncInterval}, whichever ends first, then hands
 * Redis what it admitted in the round trip that refreshes its copy (Bucket4j's delaying
 * optimization): the shared count stays whole, and a limit is overshot by at most that share per
 * instance. The sliding window is a Lua script, atomic in Redis and timed by Redis's clock, so that
 * instances whose clocks differ still agree. Every call is async and ends by {@code redis.timeout}, success
 * or not, on the request's own context.
 */
final class RedisLimiter {

  /**
   * KEYS[1]: the key's hash (fields w: window index, c: current count, p: previous count).
   * ARGV[1]: capacity; ARGV[2]: period in ms. Returns {allowed, current, previous, elapsed ms}
   * with current counted before this request.
   */
  static final String SLIDING_WINDOW_SCRIPT = """
      local capacity = tonumber(ARGV[1])
      local period = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local window = math.floor(now / period)
      local state = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
      local w = tonumber(state[1])
      local c = tonumber(state[2]) or 0
      local p = tonumber(state[3]) or 0
      if w == window - 1 then
        p = c
        c = 0
      elseif w ~= window then
        p = 0
        c = 0
      end
      local elapsed = now - window * period
      local allowed = 0
      if p * ((period - elapsed) / period) + c + 1 <= capacity + 1e-9 then
        allowed = 1
        redis.call('HSET', KEYS[1], 'w', window, 'c', c + 1, 'p', p)
      else
        redis.call('HSET', KEYS[1], 'w', window, 'c', c, 'p', p)
      end
      redis.call('PEXPIRE', KEYS[1], period * 2)
      return {allowed, c, p, elapsed}
      """;

  private static final byte[] SCRIPT_BYTES = SLIDING_WINDOW_SCRIPT.getBytes(StandardCharsets.UTF_8);

  private final LimitConfig limit;
  private final RedisBackend backend;
  private final Vertx vertx;
  private final long timeoutMillis;
  private final long connectTimeoutMillis;
  private final String prefix;
  private final BucketConfiguration bucket;
  private final byte[][] windowArgs;
  /** How each key's bucket proxy talks to Redis: every decision batched, or a delayed sync. */
  private final Optimization optimization;
  /**
   * Bucket proxies by key, kept so that Bucket4j's batching can work: requests for one key that
   * arrive while its compare-and-swap is in flight are folded into the next one, instead of each
   * retrying its own against the others (a hot key would otherwise cost dozens of round trips).
   */
  private final Cache<String, Proxy> proxies;

  /** A key's bucket proxy, and the connection it was made on (a reconnect makes new ones). */
  private record Proxy(RedisBackend.Connected connected, AsyncBucketProxy bucket) {}

  RedisLimiter(LimitConfig limit, RedisBackend backend, RedisConfig config, String route, Vertx vertx, int maxKeys,
      Counter unsynchronized) {
    this.limit = limit;
    this.backend = backend;
    this.vertx = vertx;
    this.timeoutMillis = config.timeout().toMillis();
    this.connectTimeoutMillis = config.connectTimeout().toMillis();
    this.prefix = config.keyPrefix() + route + ":" + limit.name() + ":" + limit.fingerprint() + ":";
    this.bucket = limit.tokenBucket()
        ? BucketConfiguration.builder().addLimit(LocalLimiter.TokenBuckets.bandwidth(limit)).build()
        : null;
    long unsynchronizedTokens = config.unsynchronizedTokens(limit.capacity());
    this.optimization = unsynchronizedTokens == 0 ? Optimizations.batching()
        : Optimizations.delaying(new DelayParameters(unsynchronizedTokens, config.syncInterval()))
            .withListener(new CountingListener(unsynchronized));
    this.proxies = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterAccess(limit.period().plusSeconds(10))
        .build();
    this.windowArgs = new byte[][] {
        Long.toString(limit.capacity()).getBytes(StandardCharsets.US_ASCII),
        Long.toString(limit.period().toMillis()).getBytes(StandardCharsets.US_ASCII)};
  }

  /** The Redis key of one limited key, e.g. {@code emporium:rl:orders:user:1a2b3c:u:alice}. */
  String redisKey(String key) {
    return prefix + key;
  }

  /** Counts one request of {@code key}; fails when Redis fails or does not answer in time. */
  Future<Decision> tryAcquire(String key, Context context) {
    byte[] redisKey = redisKey(key).getBytes(StandardCharsets.UTF_8);
    // Waiting for the first connection is bounded by connectTimeout; every call after it by timeout.
    return within(backend.connection(context), connectTimeoutMillis, "connect to Redis").compose(c -> within(
        limit.tokenBucket()
            ? on(context, proxy(key, redisKey, c).tryConsumeAndReturnRemaining(1))
                .map(probe -> LocalLimiter.TokenBuckets.decision(limit, probe))
            : slidingWindow(c, redisKey, context),
        timeoutMillis, "answer"));
  }

  private AsyncBucketProxy proxy(String key, byte[] redisKey, RedisBackend.Connected c) {
    Proxy proxy = proxies.getIfPresent(key);
    if (proxy == null || proxy.connected() != c) {
      proxy = new Proxy(c, c.buckets().builder().withOptimization(optimization).build(redisKey, bucket));
      proxies.put(key, proxy);
    }
    return proxy.bucket();
  }

  private Future<Decision> slidingWindow(RedisBackend.Connected c, byte[] key, Context context) {
    byte[][] keys = {key};
    Future<List<Object>> result = on(context,
        c.connection().async().<List<Object>>evalsha(c.slidingWindowSha(), ScriptOutputType.MULTI, keys, windowArgs));
    return result.recover(e -> e instanceof RedisNoScriptException
        // Redis restarted and forgot the script: send it whole, which also caches it again.
        ? on(context, c.connection().async().<List<Object>>eval(SCRIPT_BYTES, ScriptOutputType.MULTI, keys, windowArgs))
        : Future.failedFuture(e))
        .map(values -> {
          long period = limit.period().toMillis();
          boolean allowed = ((Long) values.get(0)) == 1L;
          return SlidingWindow.decide(limit, period, (Long) values.get(1), (Long) values.get(2), (Long) values.get(3),
              allowed, 1_000_000L);
        });
  }

  /** Counts the decisions the delaying optimization took without Redis. */
  private record CountingListener(Counter unsynchronized) implements OptimizationListener {
    @Override
    public void incrementSkipCount(int count) {
      unsynchronized.increment(count);
    }

    @Override
    public void incrementMergeCount(int count) {
      // Merged requests still reach Redis; nothing to count.
    }
  }

  private static <T> Future<T> on(Context context, CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, context);
  }

  /** Ends {@code call} after {@code millis} at the latest, with a timer on the request's context. */
  private <T> Future<T> within(Future<T> call, long millis, String what) {
    if (call.isComplete()) return call;
    Promise<T> promise = Promise.promise();
    long timer = vertx.setTimer(millis, id -> promise.tryFail(
        new TimeoutException("Redis did not " + what + " within " + millis + " ms")));
    call.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) promise.tryComplete(ar.result());
      else promise.tryFail(ar.cause());
    });
    return promise.future();
  }
}
