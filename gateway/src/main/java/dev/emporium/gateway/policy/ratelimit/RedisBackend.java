package dev.emporium.gateway.policy.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection (Lettuce, async) shared by every policy that names the same URI and
 * timeouts. It connects as soon as it is made; once connected, Lettuce reconnects by itself after a
 * drop, and commands sent while it is disconnected fail at once rather than queue. A first connect
 * that fails is tried again by the next request at most once per {@link #RETRY_CONNECT}.
 */
final class RedisBackend {

  private static final Logger log = LoggerFactory.getLogger(RedisBackend.class);
  static final Duration RETRY_CONNECT = Duration.ofSeconds(1);
  private static final IllegalStateException NOT_CONNECTED = new IllegalStateException("Redis is not connected") {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  };
  private static final byte[] WARM_UP_KEY = "emporium:rl:never-written".getBytes(StandardCharsets.UTF_8);

  /** Every shared handle of this connection: the Lettuce connection, the script's hash, the buckets. */
  record Connected(StatefulRedisConnection<byte[], byte[]> connection, String slidingWindowSha,
      AsyncProxyManager<byte[]> buckets) {}

  private final RedisConfig.ConnectionKey key;
  private final RedisURI uri;
  private final ClientResources resources;
  private final RedisClient client;
  private volatile Connected connected;
  private CompletableFuture<Connected> connecting;
  private long nextAttemptNanos;
  private boolean closed;
  /** Whether an attempt to connect has ended (the first one is the only one requests wait for). */
  private boolean attempted;
  /** Policies using it; guarded by {@link RedisBackends}. */
  int users;

  RedisBackend(RedisConfig config) {
    this.key = config.connectionKey();
    this.nextAttemptNanos = System.nanoTime();
    this.uri = RedisURI.create(config.uri());
    // The handshake (HELLO, AUTH, SELECT) is part of connecting; commands have their own timeout below.
    uri.setTimeout(config.connectTimeout());
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        // Back within a second or two of Redis returning, not Lettuce's default of up to 30 s.
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
        // Lettuce drops a command itself once it is overdue, so a hung Redis cannot pile them up.
        .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
        .build());
  }

  RedisConfig.ConnectionKey key() {
    return key;
  }

  /** Starts connecting, without waiting. */
  void start() {
    synchronized (this) {
      if (connecting == null && connected == null) connecting = connect();
    }
  }

  /**
   * The connection, on the caller's context: at once when connected; after the first attempt,
   * while the gateway is starting; otherwise a failure at once, having started a new attempt in the
   * background when the last one failed more than {@link #RETRY_CONNECT} ago. Requests never wait
   * for a reconnection.
   */
  Future<Connected> connection(Context context) {
    Connected c = connected;
    if (c != null) return Future.succeededFuture(c);
    CompletableFuture<Connected> first;
    synchronized (this) {
      if (closed) return Future.failedFuture(new IllegalStateException("the Redis connection is closed"));
      if (connected != null) return Future.succeededFuture(connected);
      if (connecting == null && System.nanoTime() - nextAttemptNanos >= 0) connecting = connect();
      if (connecting == null || attempted) return Future.failedFuture(NOT_CONNECTED);
      first = connecting;
    }
    return Future.fromCompletionStage(first, context);
  }

  private CompletableFuture<Connected> connect() {
    CompletableFuture<Connected> attempt = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
        .thenCompose(connection -> connection.async()
            .scriptLoad(RedisLimiter.SLIDING_WINDOW_SCRIPT.getBytes(StandardCharsets.UTF_8))
            .toCompletableFuture()
            .thenCompose(sha -> {
              AsyncProxyManager<byte[]> buckets = buckets(connection);
              // A read of a key that is never written warms Bucket4j's path up (classes, codecs)
              // here rather than in the first request, whose timeout is short.
              return buckets.getProxyConfiguration(WARM_UP_KEY).thenApply(none -> new Connected(connection, sha, buckets));
            })
            .whenComplete((c, e) -> {
              if (e != null) connection.closeAsync();
            }));
    attempt.whenComplete((c, e) -> {
      boolean closeNow;
      synchronized (this) {
        connecting = null;
        attempted = true;
        closeNow = closed && c != null;
        if (e != null) {
          nextAttemptNanos = System.nanoTime() + RETRY_CONNECT.toNanos();
          log.warn("cannot connect to Redis at {}:{}: {}", uri.getHost(), uri.getPort(), rootMessage(e));
        } else if (!closed) {
          connected = c;
        }
      }
      if (closeNow) c.connection().closeAsync();
    });
    return attempt;
  }

  private AsyncProxyManager<byte[]> buckets(StatefulRedisConnection<byte[], byte[]> connection) {
    return Bucket4jLettuce.casBasedBuilder(connection)
        .requestTimeout(key.timeout())
        // A bucket's key lives as long as it takes to fill up again, and a little longer.
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .build()
        .asAsync();
  }

  /** Closes the connection and the client's threads, without waiting for them. */
  void close() {
    Connected c;
    synchronized (this) {
      closed = true;
      c = connected;
      connected = null;
    }
    CompletableFuture<Void> connectionClosed = c == null ? CompletableFuture.completedFuture(null)
        : c.connection().closeAsync();
    connectionClosed
        .handle((v, e) -> null)
        .thenCompose(v -> client.shutdownAsync(0, 2, TimeUnit.SECONDS))
        .handle((v, e) -> null)
        .thenCompose(v -> toCompletable(resources.shutdown(0, 2, TimeUnit.SECONDS)));
  }

  boolean isClosed() {
    synchronized (this) {
      return closed;
    }
  }

  private static CompletableFuture<Void> toCompletable(io.netty.util.concurrent.Future<?> future) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    future.addListener(f -> done.complete(null));
    return done;
  }

  static String rootMessage(Throwable e) {
    while (e.getCause() != null && e.getCause() != e) e = e.getCause();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
