package dev.emporium.gateway.proxy;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.upstream.Cluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The HTTP clients of one event loop, one per cluster. Each event loop has its own so that a
 * request, its upstream connection and its response stay on one thread from start to end.
 *
 * <p>Every attempt holds a {@link Use} of its cluster's client until it ends.
 * A client whose cluster a reload retired is shut down only once its last use is done (or after
 * the grace period): shutting it down under a request still waiting for a pooled connection would
 * fail that request, and a reload must fail none.
 */
final class UpstreamClients {

  private final Vertx vertx;
  private final Map<Cluster, Pool> pools = new IdentityHashMap<>();

  /** One cluster's client on this event loop, and how many attempts are using it. */
  private static final class Pool {
    final HttpClient client;
    int uses;
    boolean retired;
    Duration grace = Duration.ZERO;

    Pool(HttpClient client) {
      this.client = client;
    }
  }

  /** One attempt's use of a cluster's client; {@link #done()} ends it, once. */
  final class Use {
    private final Cluster cluster;
    private final Pool pool;
    private boolean done;

    private Use(Cluster cluster, Pool pool) {
      this.cluster = cluster;
      this.pool = pool;
    }

    Future<HttpClientRequest> request(RequestOptions options) {
      return pool.client.request(options);
    }

    void done() {
      if (done) return;
      done = true;
      pool.uses--;
      if (pool.retired && pool.uses <= 0) shutdown(cluster, pool);
    }
  }

  UpstreamClients(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Takes a use of the cluster's client for one attempt. */
  Use use(Cluster cluster) {
    Pool pool = pools.get(cluster);
    boolean fresh = pool == null;
    if (fresh) {
      pool = new Pool(create(cluster.config()));
      pools.put(cluster, pool);
    }
    pool.uses++;
    Use use = new Use(cluster, pool);
    // A request that began before its cluster was retired (it was in a backoff, say) still needs a
    // client; it gets one that closes as soon as it is done.
    if (fresh && cluster.closed()) retire(cluster, Duration.ofSeconds(1));
    return use;
  }

  /** Closes a retired cluster's client once its requests in flight are done, or after {@code grace}. */
  void retire(Cluster cluster, Duration grace) {
    Pool pool = pools.get(cluster);
    if (pool == null || pool.retired) return;
    pool.retired = true;
    pool.grace = grace;
    if (pool.uses <= 0) {
      shutdown(cluster, pool);
    } else {
      vertx.setTimer(Math.max(1, grace.toMillis()), id -> shutdown(cluster, pool));
    }
  }

  private void shutdown(Cluster cluster, Pool pool) {
    if (pools.get(cluster) != pool) return;
    pools.remove(cluster);
    pool.client.shutdown(pool.uses <= 0 ? pool.grace : Duration.ZERO);
  }

  void closeAll(Duration grace) {
    for (Pool pool : pools.values()) pool.client.shutdown(grace);
    pools.clear();
  }

  private HttpClient create(ClusterConfig config) {
    HttpClientOptions options = new HttpClientOptions()
        .setName("cluster-" + config.name())
        .setKeepAlive(true)
        .setKeepAliveTimeout((int) Math.max(1, config.pool().keepAlive().toSeconds()))
        .setConnectTimeout((int) config.timeouts().connect().toMillis())
        .setTcpNoDelay(true)
        .setTcpKeepAlive(true)
        .setDecompressionSupported(false)
        .setMaxInitialLineLength(64 * 1024)
        .setMaxHeaderSize(64 * 1024)
        .setVerifyHost(false);
    if ("http2".equals(config.protocol())) {
      options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
    }
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(config.pool().maxConnections())
        .setHttp2MaxSize(Math.max(1, config.pool().maxConnections() / 16))
        .setMaxWaitQueueSize(config.pool().maxWaitQueue());
    return vertx.createHttpClient(options, pool);
  }
}
