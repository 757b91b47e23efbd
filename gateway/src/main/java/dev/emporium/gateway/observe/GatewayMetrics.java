package dev.emporium.gateway.observe;

import dev.emporium.gateway.resilience.AttemptOutcome;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus metrics, named in Envoy's vocabulary (route, cluster, endpoint). Meters
 * used on the request path are looked up once per route or cluster and kept, so recording a
 * request costs a few atomic adds and no map lookups with tag lists.
 */
public final class GatewayMetrics {

  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();
  private final Map<String, ClusterMeters> clusters = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> endpointGauges = new ConcurrentHashMap<>();
  private final Map<Cluster, List<Meter>> clusterGauges = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> activeConnections = new ConcurrentHashMap<>();

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  /** Request meters of one route, by status class. */
  public final class RouteMeters {
    private final Timer[] byClass = new Timer[7];
    private final String route;
    private final String cluster;

    RouteMeters(String route, String cluster) {
      this.route = route;
      this.cluster = cluster;
    }

    /** @param status the status sent, or 0 when the client went away first */
    public void record(int status, long nanos) {
      int index = status == 0 ? 0 : Math.min(6, Math.max(1, status / 100));
      Timer timer = byClass[index];
      if (timer == null) {
        timer = Timer.builder("gateway.requests")
            .description("Requests handled, by route, cluster and status class")
            .tags("route", route, "cluster", cluster, "status_class", index == 0 ? "aborted" : index + "xx")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
        byClass[index] = timer;
      }
      timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  /** Upstream meters of one cluster. */
  public final class ClusterMeters {
    private final Counter[] attempts = new Counter[AttemptOutcome.values().length];
    private final Counter retries;
    private final Counter budgetExhausted;
    private final Timer upstreamTime;

    ClusterMeters(String cluster) {
      for (AttemptOutcome outcome : AttemptOutcome.values()) {
        attempts[outcome.ordinal()] = Counter.builder("gateway.upstream.attempts")
            .description("Attempts sent to a cluster's endpoints, by outcome")
            .tags("cluster", cluster, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
            .register(registry);
      }
      retries = Counter.builder("gateway.upstream.retries").tag("cluster", cluster)
          .description("Retries sent after a failed attempt").register(registry);
      budgetExhausted = Counter.builder("gateway.upstream.retry.budget.exhausted").tag("cluster", cluster)
          .description("Retries refused because the cluster's retry budget was spent").register(registry);
      upstreamTime = Timer.builder("gateway.upstream.response.time").tag("cluster", cluster)
          .description("Time from sending an attempt until its response head")
          .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    public void attempt(AttemptOutcome outcome, long nanos) {
      attempts[outcome.ordinal()].increment();
      if (outcome == AttemptOutcome.RESPONDED || outcome == AttemptOutcome.SERVER_ERROR) {
        upstreamTime.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    }

    public void retry() {
      retries.increment();
    }

    public void budgetExhausted() {
      budgetExhausted.increment();
    }
  }

  public RouteMeters route(String route, String cluster) {
    return routes.computeIfAbsent(route + '\u0000' + cluster, k -> new RouteMeters(route, cluster));
  }

  public ClusterMeters cluster(String cluster) {
    return clusters.computeIfAbsent(cluster, ClusterMeters::new);
  }

  /** Publishes a running cluster's breaker, bulkhead and endpoint health. */
  public void bind(Cluster cluster) {
    List<Meter> meters = new ArrayList<>();
    Tags tags = Tags.of("cluster", cluster.name());
    CircuitBreaker breaker = cluster.breaker();
    if (breaker != null) {
      for (CircuitBreaker.State state : List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
          CircuitBreaker.State.HALF_OPEN)) {
        meters.add(Gauge.builder("gateway.circuit.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
            .tags(tags.and("state", state.name().toLowerCase(java.util.Locale.ROOT)))
            .description("1 for the breaker's current state").register(registry));
      }
      meters.add(Gauge.builder("gateway.circuit.breaker.failure.rate", breaker, b -> b.getMetrics().getFailureRate())
          .tags(tags).description("Failure percentage over the sliding window, -1 until judged").register(registry));
    }
    meters.add(Gauge.builder("gateway.bulkhead.available", cluster.bulkhead(),
            b -> b.getMetrics().getAvailableConcurrentCalls())
        .tags(tags).description("Requests the cluster's bulkhead still admits").register(registry));
    clusterGauges.put(cluster, meters);
    cluster.onChange(this::publishEndpoints);
    publishEndpoints(cluster);
  }

  /** Removes a retired cluster's gauges. */
  public void unbind(Cluster cluster) {
    List<Meter> meters = clusterGauges.remove(cluster);
    if (meters != null) meters.forEach(registry::remove);
    List<Meter> old = endpointGauges.remove(cluster.name() + '\u0000' + System.identityHashCode(cluster));
    if (old != null) old.forEach(registry::remove);
  }

  private synchronized void publishEndpoints(Cluster cluster) {
    String key = cluster.name() + '\u0000' + System.identityHashCode(cluster);
    List<Meter> previous = endpointGauges.remove(key);
    if (previous != null) previous.forEach(registry::remove);
    List<Meter> meters = new ArrayList<>();
    for (Endpoint endpoint : cluster.endpoints().all()) {
      Tags tags = Tags.of("cluster", cluster.name(), "endpoint", endpoint.id());
      meters.add(Gauge.builder("gateway.endpoint.healthy", endpoint, e -> e.healthy() ? 1 : 0).tags(tags)
          .description("1 when active health checks pass").register(registry));
      meters.add(Gauge.builder("gateway.endpoint.ejected", endpoint, e -> e.ejected() ? 1 : 0).tags(tags)
          .description("1 while outlier detection has the endpoint ejected").register(registry));
      meters.add(Gauge.builder("gateway.endpoint.requests.active", endpoint, Endpoint::inFlight).tags(tags)
          .description("Requests in flight to the endpoint").register(registry));
    }
    endpointGauges.put(key, meters);
  }

  /** Counts connections on a listener; returns the gauge's backing counter. */
  public AtomicInteger connections(String listener) {
    return activeConnections.computeIfAbsent(listener, name -> {
      AtomicInteger active = new AtomicInteger();
      Gauge.builder("gateway.connections.active", active, AtomicInteger::get).tag("listener", name)
          .description("Open client connections").register(registry);
      return active;
    });
  }

  public Counter connectionsOpened(String listener) {
    return Counter.builder("gateway.connections.opened").tag("listener", listener)
        .description("Client connections accepted").register(registry);
  }

  public void accessLogDropped(AccessLog log) {
    Gauge.builder("gateway.access.log.dropped", log, AccessLog::dropped)
        .description("Access log lines dropped because the writer fell behind").register(registry);
  }

  public Counter configReloads(String result) {
    return Counter.builder("gateway.config.reloads").tag("result", result)
        .description("Configuration reloads, by result").register(registry);
  }
}
