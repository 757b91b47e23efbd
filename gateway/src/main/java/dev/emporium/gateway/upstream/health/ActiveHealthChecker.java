package dev.emporium.gateway.upstream.health;

import dev.emporium.gateway.config.HealthCheckConfig;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every endpoint of a cluster with an HTTP GET on a fixed interval and reports each change of
 * verdict to the cluster. Probes use their own client so they never queue behind user traffic.
 */
public final class ActiveHealthChecker {

  private static final Logger log = LoggerFactory.getLogger(ActiveHealthChecker.class);

  private final Vertx vertx;
  private final Cluster cluster;
  private final HealthCheckConfig config;
  private final StatusRange expected;
  private final Map<Endpoint, HealthState> states = new ConcurrentHashMap<>();
  private HttpClient client;
  private long timerId = -1;
  private volatile boolean stopped;

  public ActiveHealthChecker(Vertx vertx, Cluster cluster, HealthCheckConfig config) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.config = config;
    this.expected = StatusRange.parse(config.expectedStatus());
  }

  public void start() {
    client = vertx.createHttpClient(
        new HttpClientOptions()
            .setConnectTimeout((int) config.timeout().toMillis())
            .setKeepAlive(true)
            .setName("health-" + cluster.name()),
        new PoolOptions().setHttp1MaxSize(1));
    vertx.runOnContext(v -> checkAll());
    timerId = vertx.setPeriodic(config.interval().toMillis(), id -> checkAll());
  }

  public void stop() {
    stopped = true;
    if (timerId >= 0) vertx.cancelTimer(timerId);
    if (client != null) client.close();
  }

  private void checkAll() {
    if (stopped) return;
    states.keySet().retainAll(cluster.endpoints().all());
    for (Endpoint endpoint : cluster.endpoints().all()) {
      probe(endpoint).onComplete(ar -> {
        if (stopped) return;
        boolean passed = ar.succeeded() && expected.contains(ar.result());
        HealthState state = states.computeIfAbsent(endpoint,
            e -> new HealthState(config.unhealthyThreshold(), config.healthyThreshold(), e.healthy()));
        boolean healthy = state.record(passed);
        if (healthy != endpoint.healthy()) {
          log.info("cluster {} endpoint {} is now {} ({})", cluster.name(), endpoint.id(),
              healthy ? "healthy" : "unhealthy",
              ar.succeeded() ? "status " + ar.result() : ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage());
          cluster.markHealth(endpoint, healthy);
        }
      });
    }
  }

  private Future<Integer> probe(Endpoint endpoint) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(endpoint.address().host())
        .setPort(endpoint.address().port())
        .setURI(config.path())
        .setTimeout(config.timeout().toMillis())
        .putHeader("User-Agent", "emporium-gateway-health-check");
    return client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()));
  }
}
