package dev.emporium.gateway.proxy;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.upstream.Cluster;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The HTTP clients of one event loop, one per cluster. Each event loop has its own so that a
 * request, its upstream connection and its response stay on one thread from start to end.
 */
final class UpstreamClients {

  private final Vertx vertx;
  private final Map<Cluster, HttpClient> clients = new IdentityHashMap<>();

  UpstreamClients(Vertx vertx) {
    this.vertx = vertx;
  }

  HttpClient clientFor(Cluster cluster) {
    HttpClient client = clients.get(cluster);
    if (client == null) {
      client = create(cluster.config());
      clients.put(cluster, client);
    }
    return client;
  }

  /** Closes a retired cluster's client once its requests in flight are done, or after {@code grace}. */
  void retire(Cluster cluster, Duration grace) {
    HttpClient client = clients.remove(cluster);
    if (client != null) client.shutdown(grace);
  }

  void closeAll(Duration grace) {
    for (HttpClient client : clients.values()) client.shutdown(grace);
    clients.clear();
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
