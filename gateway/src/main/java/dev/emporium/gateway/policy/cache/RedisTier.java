package dev.emporium.gateway.policy.cache;

import dev.emporium.gateway.config.CacheConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's shared tier: entries in Redis, under a key prefix, with Redis expiring them. Every
 * command is asynchronous (Lettuce) and bounded by the configured timeout; its result comes back
 * on the caller's event loop. While Redis is down or slow, commands fail at once or at the timeout,
 * are counted, and the cache works from memory alone. Purges are broadcast on a channel so that
 * other instances drop their in-memory copies too.
 */
final class RedisTier {

  private static final Logger log = LoggerFactory.getLogger(RedisTier.class);
  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final long RECONNECT_MS = 2_000;
  private static final int SCAN_BATCH = 500;

  static {
    // Lettuce prefers epoll when io_uring is also on the class path (the gateway ships both), and
    // warns at every client it makes; choosing epoll up front says the same without the noise.
    if (System.getProperty("io.lettuce.core.iouring") == null) System.setProperty("io.lettuce.core.iouring", "false");
  }

  private final Vertx vertx;
  private final CacheConfig.Redis config;
  private final CacheMetrics metrics;
  private final Consumer<JsonObject> onRemotePurge;
  private final RedisClient client;
  private final RedisURI uri;
  private final String instance = java.util.UUID.randomUUID().toString();
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private volatile StatefulRedisPubSubConnection<String, byte[]> pubsub;
  private volatile boolean closed;

  RedisTier(Vertx vertx, CacheConfig.Redis config, CacheMetrics metrics, Consumer<JsonObject> onRemotePurge) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.onRemotePurge = onRemotePurge;
    this.uri = RedisURI.create(config.uri());
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Fail at once while disconnected rather than queue: a request must not wait for Redis.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
        .build());
    connect();
  }

  CacheConfig.Redis config() {
    return config;
  }

  String channel() {
    return config.keyPrefix() + "purge";
  }

  private void connect() {
    if (closed) return;
    client.connectAsync(CODEC, uri).whenComplete((c, e) -> {
      if (e != null) {
        metrics.redisError("connect");
        log.warn("cache: cannot reach Redis ({}); serving from memory, trying again in {} ms", e.getMessage(), RECONNECT_MS);
        if (!closed) vertx.setTimer(RECONNECT_MS, id -> connect());
        return;
      }
      if (closed) {
        c.closeAsync();
        return;
      }
      connection = c;
      subscribe();
    });
  }

  private void subscribe() {
    client.connectPubSubAsync(CODEC, uri).whenComplete((c, e) -> {
      if (e != null) {
        metrics.redisError("subscribe");
        if (!closed) vertx.setTimer(RECONNECT_MS, id -> subscribe());
        return;
      }
      if (closed) {
        c.closeAsync();
        return;
      }
      pubsub = c;
      c.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, byte[] message) {
          try {
            JsonObject purge = new JsonObject(io.vertx.core.buffer.Buffer.buffer(message));
            if (!instance.equals(purge.getString("origin"))) onRemotePurge.accept(purge);
          } catch (RuntimeException bad) {
            log.warn("cache: ignoring a malformed purge message on {}", channel);
          }
        }
      });
      c.async().subscribe(channel()).whenComplete((v, se) -> {
        if (se != null) metrics.redisError("subscribe");
      });
    });
  }

  /** The value at {@code key}, or null when absent, Redis unavailable or too slow. */
  Future<byte[]> get(String key) {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c == null) return Future.succeededFuture(null);
    return on(c.async().get(key), "get").otherwise(e -> null);
  }

  /** Values at the keys, nulls where absent; all null when Redis is unavailable. */
  Future<List<byte[]>> mget(List<String> keys) {
    StatefulRedisConnection<String, byte[]> c = connection;
    List<byte[]> none = new ArrayList<>();
    keys.forEach(k -> none.add(null));
    if (c == null) return Future.succeededFuture(none);
    return on(c.async().mget(keys.toArray(String[]::new)), "get").map(values -> {
      List<byte[]> out = new ArrayList<>(values.size());
      for (KeyValue<String, byte[]> kv : values) out.add(kv.hasValue() ? kv.getValue() : null);
      return out;
    }).otherwise(e -> none);
  }

  /** Stores a value expiring after {@code ttlMillis}; failures are counted, never waited for. */
  void set(String key, byte[] value, long ttlMillis) {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c == null || ttlMillis <= 0) return;
    c.async().set(key, value, SetArgs.Builder.px(ttlMillis)).whenComplete((ok, e) -> {
      if (e != null) metrics.redisError("set");
    });
  }

  void delete(List<String> keys) {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c == null || keys.isEmpty()) return;
    c.async().unlink(keys.toArray(String[]::new)).whenComplete((n, e) -> {
      if (e != null) metrics.redisError("delete");
    });
  }

  /**
   * Deletes the keys under the prefix that {@code matches} accepts, scanning in batches, and tells
   * the other instances to purge the same from memory.
   *
   * @return how many keys were deleted; fails when Redis is unavailable
   */
  Future<Long> purge(Predicate<String> matches, JsonObject announcement) {
    StatefulRedisConnection<String, byte[]> c = connection;
    if (c == null) {
      metrics.redisError("purge");
      return Future.failedFuture(new IllegalStateException("Redis is not connected"));
    }
    Promise<Long> done = Promise.promise();
    scanStep(c, ScanCursor.INITIAL, matches, 0, done);
    return done.future().compose(n -> {
      byte[] message = announcement.copy().put("origin", instance).toBuffer().getBytes();
      return on(c.async().publish(channel(), message), "purge").map(x -> n).otherwise(n);
    }).onFailure(e -> metrics.redisError("purge"));
  }

  private void scanStep(StatefulRedisConnection<String, byte[]> c, ScanCursor cursor, Predicate<String> matches,
      long deleted, Promise<Long> done) {
    ScanArgs args = ScanArgs.Builder.matches(glob(config.keyPrefix()) + "*").limit(SCAN_BATCH);
    on(c.async().scan(cursor, args), "purge").onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      KeyScanCursor<String> page = ar.result();
      List<String> victims = page.getKeys().stream().filter(matches).toList();
      Future<Long> removed = victims.isEmpty() ? Future.succeededFuture(0L)
          : on(c.async().unlink(victims.toArray(String[]::new)), "purge");
      removed.onComplete(rr -> {
        if (rr.failed()) {
          done.fail(rr.cause());
        } else if (page.isFinished()) {
          done.complete(deleted + rr.result());
        } else {
          scanStep(c, page, matches, deleted + rr.result(), done);
        }
      });
    });
  }

  /** Escapes Redis glob characters so the prefix matches only itself. */
  static String glob(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      if ("*?[]\\".indexOf(ch) >= 0) sb.append('\\');
      sb.append(ch);
    }
    return sb.toString();
  }

  /** Completes on the caller's context (the event loop), counting a failure under {@code operation}. */
  private <T> Future<T> on(CompletionStage<T> stage, String operation) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    stage.whenComplete((value, e) -> context.runOnContext(v -> {
      if (e != null) {
        metrics.redisError(operation);
        promise.fail(e);
      } else {
        promise.complete(value);
      }
    }));
    return promise.future();
  }

  void close() {
    closed = true;
    StatefulRedisConnection<String, byte[]> c = connection;
    StatefulRedisPubSubConnection<String, byte[]> p = pubsub;
    CompletionStage<Void> a = c == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : c.closeAsync();
    CompletionStage<Void> b = p == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : p.closeAsync();
    a.thenCombine(b, (x, y) -> null).whenComplete((x, e) -> client.shutdownAsync(0, 2, TimeUnit.SECONDS));
  }
}
