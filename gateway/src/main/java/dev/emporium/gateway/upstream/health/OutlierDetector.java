package dev.emporium.gateway.upstream.health;

import dev.emporium.gateway.config.OutlierDetectionConfig;
import dev.emporium.gateway.resilience.AttemptOutcome;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive outlier ejection from real traffic: consecutive 5xx responses, or consecutive
 * connection failures (refused, reset, timed out), eject an endpoint for {@code baseEjectionTime}
 * times the number of its recent ejections, up to {@code maxEjectionTime}; never more than
 * {@code maxEjectionPercent} of the cluster at once. The multiplier decays while an endpoint
 * behaves, so an old ejection does not punish it forever.
 */
public final class OutlierDetector {

  private static final Logger log = LoggerFactory.getLogger(OutlierDetector.class);

  private final Cluster cluster;
  private final OutlierDetectionConfig config;
  private final Map<Endpoint, Counts> counts = new ConcurrentHashMap<>();

  private static final class Counts {
    int consecutive5xx;
    int consecutiveLocalFailures;
    int ejections;
    long lastEjectionEndNanos;
  }

  public OutlierDetector(Cluster cluster, OutlierDetectionConfig config, Vertx vertx) {
    this.cluster = cluster;
    this.config = config;
  }

  public void record(Endpoint endpoint, AttemptOutcome outcome) {
    if (!config.enabled()) return;
    Counts c = counts.computeIfAbsent(endpoint, e -> new Counts());
    boolean eject;
    synchronized (c) {
      switch (outcome) {
        case RESPONDED -> {
          c.consecutive5xx = 0;
          c.consecutiveLocalFailures = 0;
          return;
        }
        case SERVER_ERROR -> {
          c.consecutive5xx++;
          c.consecutiveLocalFailures = 0;
        }
        case CONNECT_FAILURE, RESET, TIMEOUT -> c.consecutiveLocalFailures++;
      }
      eject = c.consecutive5xx >= config.consecutive5xx()
          || c.consecutiveLocalFailures >= config.consecutiveConnectFailures();
    }
    if (eject && !endpoint.ejected()) tryEject(endpoint, c);
  }

  private void tryEject(Endpoint endpoint, Counts c) {
    long now = System.nanoTime();
    long base = config.baseEjectionTime().toNanos();
    long duration;
    synchronized (c) {
      if (c.lastEjectionEndNanos > 0 && base > 0) {
        long quietPeriods = Math.max(0, now - c.lastEjectionEndNanos) / base;
        c.ejections = (int) Math.max(0, c.ejections - quietPeriods);
      }
      duration = Math.min(config.maxEjectionTime().toNanos(), base * (c.ejections + 1));
    }
    if (cluster.eject(endpoint, now + duration, config.maxEjectionPercent())) {
      synchronized (c) {
        c.ejections++;
        c.consecutive5xx = 0;
        c.consecutiveLocalFailures = 0;
        c.lastEjectionEndNanos = now + duration;
      }
      log.warn("cluster {} ejected endpoint {} for {} ms", cluster.name(), endpoint.id(), duration / 1_000_000);
    }
  }

  public void close() {
    counts.clear();
  }
}
