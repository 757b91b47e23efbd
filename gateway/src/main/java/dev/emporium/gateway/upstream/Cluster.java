package dev.emporium.gateway.upstream;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.resilience.AttemptOutcome;
import dev.emporium.gateway.resilience.ClusterGuards;
import dev.emporium.gateway.resilience.RetryBudget;
import dev.emporium.gateway.upstream.health.ActiveHealthChecker;
import dev.emporium.gateway.upstream.health.OutlierDetector;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A running upstream cluster: its members and their state, the balancer that chooses among them,
 * and the guards (breaker, bulkhead, retry budget) that protect it. One instance serves every
 * event loop; it outlives configuration reloads that leave its definition unchanged, so health,
 * statistics and breaker state survive them.
 */
public final class Cluster {

  private final ClusterConfig config;
  private final LoadBalancer balancer;
  private final Discovery discovery;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final RetryBudget retryBudget;
  private final Map<EndpointAddress, Endpoint> members = new LinkedHashMap<>();
  private final List<Consumer<Cluster>> changeListeners = new CopyOnWriteArrayList<>();
  private final Set<Long> ejectionTimers = new HashSet<>();
  private volatile EndpointSet endpoints = EndpointSet.EMPTY;
  private volatile OutlierDetector outliers;
  private ActiveHealthChecker healthChecker;
  private Vertx vertx;
  private volatile long breakerOpenedNanos;
  private volatile boolean closed;

  public Cluster(ClusterConfig config, LoadBalancer balancer, Discovery discovery) {
    this.config = config;
    this.balancer = balancer;
    this.discovery = discovery;
    this.breaker = ClusterGuards.breaker(config.name(), config.circuitBreaker());
    this.bulkhead = ClusterGuards.bulkhead(config.name(), config.bulkhead());
    this.retryBudget = new RetryBudget(config.retryBudget());
    if (breaker != null) {
      breaker.getEventPublisher().onStateTransition(event -> {
        if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) breakerOpenedNanos = System.nanoTime();
      });
    }
  }

  public String name() {
    return config.name();
  }

  public ClusterConfig config() {
    return config;
  }

  /** The breaker, or null when disabled. */
  public CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * Seconds until the open breaker lets a probe through, rounded up and at least 1: what a refused
   * client is told in Retry-After. A half-open breaker whose probes are all out answers 1.
   */
  public long secondsUntilHalfOpen() {
    long remaining = breakerOpenedNanos + config.circuitBreaker().openDuration().toNanos() - System.nanoTime();
    return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
  }

  public Bulkhead bulkhead() {
    return bulkhead;
  }

  public RetryBudget retryBudget() {
    return retryBudget;
  }

  public EndpointSet endpoints() {
    return endpoints;
  }

  public LoadBalancer balancer() {
    return balancer;
  }

  /** Called after every change of membership, health or ejection. */
  public void onChange(Consumer<Cluster> listener) {
    changeListeners.add(listener);
  }

  public void start(Vertx vertx) {
    this.vertx = vertx;
    this.outliers = new OutlierDetector(this, config.outlierDetection());
    discovery.start(this::membersChanged);
    if (config.healthCheck().enabled()) {
      healthChecker = new ActiveHealthChecker(vertx, this, config.healthCheck());
      healthChecker.start();
    }
  }

  /** Stops discovery and health checking: a reload retired this cluster, or the gateway stops. */
  public void close() {
    closed = true;
    discovery.close();
    if (healthChecker != null) healthChecker.stop();
    if (outliers != null) outliers.close();
    synchronized (this) {
      for (long timer : ejectionTimers) vertx.cancelTimer(timer);
      ejectionTimers.clear();
    }
  }

  /** Whether {@link #close()} was called; requests that started before may still be using it. */
  public boolean closed() {
    return closed;
  }

  /**
   * An endpoint for a request, or null when none is available. {@code avoid} is the endpoint a
   * failed attempt used: a retry goes elsewhere when anywhere else is available.
   */
  public Endpoint pick(PickContext context, Endpoint avoid) {
    if (avoid == null) return balancer.pick(context);
    // A retry chooses among the other endpoints itself, weighted, without asking the balancer:
    // another balancer pick would advance its rotation, and with one bad endpoint in a round-robin
    // pair every request's first attempt would then land on the bad one.
    List<Endpoint> available = endpoints.available();
    long totalWeight = 0;
    for (Endpoint e : available) {
      if (e != avoid) totalWeight += e.weight();
    }
    if (totalWeight == 0) return available.contains(avoid) ? avoid : null;
    long ticket = java.util.concurrent.ThreadLocalRandom.current().nextLong(totalWeight);
    for (Endpoint e : available) {
      if (e == avoid) continue;
      ticket -= e.weight();
      if (ticket < 0) return e;
    }
    return null;
  }

  /** What an attempt's outcome teaches about its endpoint. */
  public void recordOutcome(Endpoint endpoint, AttemptOutcome outcome, long elapsedNanos) {
    if (outcome == AttemptOutcome.RESPONDED || outcome == AttemptOutcome.SERVER_ERROR) {
      endpoint.responseTimes().record(elapsedNanos, System.nanoTime(), config.loadBalancer().ewmaDecay().toNanos());
    } else {
      // A failed attempt counts as very slow for peak-EWMA, so that balancer steers away at once.
      endpoint.responseTimes().record(config.timeouts().request().toNanos(), System.nanoTime(),
          config.loadBalancer().ewmaDecay().toNanos());
    }
    OutlierDetector detector = outliers;
    if (detector != null) detector.record(endpoint, outcome);
  }

  /** Active health checking's verdict on an endpoint. */
  public void markHealth(Endpoint endpoint, boolean healthy) {
    synchronized (this) {
      if (endpoint.healthy() == healthy || members.get(endpoint.address()) != endpoint) return;
      endpoint.healthy(healthy);
      rebuild();
    }
    notifyChanged();
  }

  /**
   * Takes an endpoint out of rotation until {@code untilNanos} (on the {@link System#nanoTime}
   * clock); false if it is not a member, is already ejected, or the share cap forbids it.
   */
  public boolean eject(Endpoint endpoint, long untilNanos, int maxEjectionPercent) {
    synchronized (this) {
      if (endpoint.ejected() || members.get(endpoint.address()) != endpoint) return false;
      long ejected = members.values().stream().filter(Endpoint::ejected).count();
      if ((ejected + 1) * 100 > (long) maxEjectionPercent * members.size()) return false;
      endpoint.eject(untilNanos);
      rebuild();
      long delayMs = Math.max(1, (untilNanos - System.nanoTime() + 999_999) / 1_000_000);
      ejectionTimers.add(vertx.setTimer(delayMs, id -> {
        synchronized (this) {
          ejectionTimers.remove(id);
        }
        unEject(endpoint);
      }));
    }
    notifyChanged();
    return true;
  }

  void unEject(Endpoint endpoint) {
    synchronized (this) {
      if (!endpoint.ejected()) return;
      endpoint.unEject();
      if (members.get(endpoint.address()) != endpoint) return;
      rebuild();
    }
    notifyChanged();
  }

  private void membersChanged(List<Discovery.Member> reported) {
    synchronized (this) {
      Map<EndpointAddress, Endpoint> next = new LinkedHashMap<>();
      for (Discovery.Member member : reported) {
        Endpoint existing = members.get(member.address());
        boolean same = existing != null && existing.weight() == member.weight()
            && java.util.Objects.equals(existing.zone(), member.zone());
        next.put(member.address(), same ? existing : new Endpoint(member.address(), member.weight(), member.zone()));
      }
      members.clear();
      members.putAll(next);
      rebuild();
      OutlierDetector detector = outliers;
      if (detector != null) detector.retain(members.values());
    }
    notifyChanged();
  }

  private void rebuild() {
    EndpointSet set = EndpointSet.of(new ArrayList<>(members.values()));
    endpoints = set;
    balancer.update(set);
  }

  private void notifyChanged() {
    for (Consumer<Cluster> listener : changeListeners) listener.accept(this);
  }
}
