package dev.emporium.gateway.upstream.health;

import dev.emporium.gateway.config.HealthCheckConfig;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every endpoint of a cluster with an HTTP GET on a fixed interval and reports each change of
 * verdict to the cluster. Endpoints that discovery adds are probed at once rather than at the next
 * tick. Probes use their own client so they never queue behind user traffic, and a new connection
 * each time, so a probe sees what a new connection from the proxy would see. An endpoint is probed
 * again only when its previous probe has finished, so a slow endpoint is not piled up with probes
 * and verdicts arrive in order. All the checker's work runs on one event-loop context.
 */
public final class ActiveHealthChecker {

  private static final Logger log = LoggerFactory.getLogger(ActiveHealthChecker.class);

  private final Vertx vertx;
  private final Cluster cluster;
  private final HealthCheckConfig config;
  private final StatusRange expected;
  private final Map<Endpoint, HealthState> states = new ConcurrentHashMap<>();
  private final Set<Endpoint> probing = ConcurrentHashMap.newKeySet();
  private Context context;
  private HttpClient client;
  private volatile long timerId = -1;
  private volatile boolean stopped;

  public ActiveHealthChecker(Vertx vertx, Cluster cluster, HealthCheckConfig config) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.config = config;
    this.expected = StatusRange.parse(config.expectedStatus());
  }

  public void start() {
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout((int) config.timeout().toMillis())
        .setKeepAlive(false)
        .setName("health-" + cluster.name());
    if ("http2".equals(cluster.config().protocol())) {
      options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
    }
    client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1).setHttp2MaxSize(1));
    context = vertx.getOrCreateContext();
    cluster.onChange(changed -> context.runOnContext(v -> probeUnknown()));
    context.runOnContext(v -> {
      if (stopped) return;
      checkAll();
      timerId = vertx.setPeriodic(config.interval().toMillis(), id -> {
        if (stopped) {
          vertx.cancelTimer(id);
        } else {
          checkAll();
        }
      });
    });
  }

  /** Stops probing; probes in flight are abandoned and their results ignored. */
  public void stop() {
    stopped = true;
    long id = timerId;
    if (id >= 0) vertx.cancelTimer(id);
    if (client != null) client.close();
    states.clear();
  }

  private void checkAll() {
    Set<Endpoint> members = new HashSet<>(cluster.endpoints().all());
    states.keySet().retainAll(members);
    for (Endpoint endpoint : members) probe(endpoint);
  }

  /** Probes endpoints never probed before: new members from discovery. */
  private void probeUnknown() {
    if (stopped) return;
    for (Endpoint endpoint : cluster.endpoints().all()) {
      if (!states.containsKey(endpoint)) probe(endpoint);
    }
  }

  private void probe(Endpoint endpoint) {
    if (stopped || !probing.add(endpoint)) return;
    HealthState state = states.computeIfAbsent(endpoint,
        e -> new HealthState(config.unhealthyThreshold(), config.healthyThreshold(), e.healthy()));
    send(endpoint).onComplete(ar -> {
      probing.remove(endpoint);
      if (stopped) return;
      boolean passed = ar.succeeded() && expected.contains(ar.result());
      boolean healthy = state.record(passed);
      if (healthy != endpoint.healthy()) {
        log.info("cluster {} endpoint {} is now {} ({})", cluster.name(), endpoint.id(),
            healthy ? "healthy" : "unhealthy",
            ar.succeeded() ? "status " + ar.result() : ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage());
        cluster.markHealth(endpoint, healthy);
      }
    });
  }

  /** The status of one probe, failed when there is no complete answer within the timeout. */
  private Future<Integer> send(Endpoint endpoint) {
    long timeoutMs = Math.max(1, config.timeout().toMillis());
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(endpoint.address().host())
        .setPort(endpoint.address().port())
        .setURI(config.path())
        .putHeader("User-Agent", "emporium-gateway-health-check");
    Promise<Integer> result = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    // One deadline for connect, head and body: a server that trickles its answer fails the check.
    long timer = vertx.setTimer(timeoutMs, id -> {
      if (result.tryFail(new TimeoutException("no complete answer within " + timeoutMs + " ms")) && sent[0] != null) {
        sent[0].reset();
      }
    });
    client.request(options)
        .compose(request -> {
          if (result.future().isComplete()) {
            request.reset();
            return Future.failedFuture("timed out");
          }
          sent[0] = request;
          return request.send();
        })
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            result.tryComplete(ar.result());
          } else {
            result.tryFail(ar.cause());
          }
        });
    return result.future();
  }
}
