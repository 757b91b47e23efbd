package dev.emporium.gateway.upstream.health;

import dev.emporium.gateway.config.OutlierDetectionConfig;
import dev.emporium.gateway.resilience.AttemptOutcome;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive outlier ejection from real traffic: consecutive 5xx responses, or consecutive
 * connection failures (refused, reset, timed out), eject an endpoint for {@code baseEjectionTime}
 * times the number of its recent ejections, up to {@code maxEjectionTime}; never more than
 * {@code maxEjectionPercent} of the cluster at once (the cluster enforces that). The multiplier
 * decays by one for every {@code baseEjectionTime} an endpoint spends back in rotation, so an old
 * ejection does not punish it forever.
 */
public final class OutlierDetector {

  private static final Logger log = LoggerFactory.getLogger(OutlierDetector.class);

  private final Cluster cluster;
  private final OutlierDetectionConfig config;
  private final LongSupplier clockNanos;
  private final Map<Endpoint, Counts> counts = new ConcurrentHashMap<>();

  private static final class Counts {
    volatile int consecutive5xx;
    volatile int consecutiveLocalFailures;
    /** Ejections in a row as of the last one, before decay: the last ejection's multiplier. */
    int ejections;
    long lastEjectionEndNanos;
  }

  public OutlierDetector(Cluster cluster, OutlierDetectionConfig config) {
    this(cluster, config, System::nanoTime);
  }

  /**
   * With the clock ejection periods are measured on. {@link Cluster#eject} schedules the end of an
   * ejection on {@link System#nanoTime}, so another clock is for tests that end ejections themselves.
   */
  public OutlierDetector(Cluster cluster, OutlierDetectionConfig config, LongSupplier clockNanos) {
    this.cluster = cluster;
    this.config = config;
    this.clockNanos = clockNanos;
  }

  public void record(Endpoint endpoint, AttemptOutcome outcome) {
    // Attempts that were already under way when their endpoint was ejected tell nothing new.
    if (!config.enabled() || endpoint.ejected()) return;
    Counts c = counts.computeIfAbsent(endpoint, e -> new Counts());
    // The common case, a response after responses, needs no lock: every event loop passes here on
    // every request, and contention on one endpoint's lock would stall them all.
    if (outcome == AttemptOutcome.RESPONDED && c.consecutive5xx == 0 && c.consecutiveLocalFailures == 0) return;
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
    if (eject) tryEject(endpoint, c);
  }

  /** Forgets endpoints that are no longer members. */
  public void retain(Collection<Endpoint> members) {
    counts.keySet().retainAll(members);
  }

  public void close() {
    counts.clear();
  }

  private void tryEject(Endpoint endpoint, Counts c) {
    long now = clockNanos.getAsLong();
    int multiplier;
    synchronized (c) {
      multiplier = Math.min(multiplier(c, now) + 1, maxMultiplier());
    }
    long duration = duration(multiplier);
    if (!cluster.eject(endpoint, now + duration, config.maxEjectionPercent())) return;
    // The decayed multiplier is committed only when an ejection happens: one that the share cap
    // refuses must not decay it again on every later attempt.
    synchronized (c) {
      c.ejections = multiplier;
      c.consecutive5xx = 0;
      c.consecutiveLocalFailures = 0;
      c.lastEjectionEndNanos = now + duration;
    }
    log.warn("cluster {} ejected endpoint {} for {} ms (multiplier {})", cluster.name(), endpoint.id(),
        duration / 1_000_000, multiplier);
  }

  /** Recent ejections, less one for every base ejection time spent in rotation since the last ended. */
  private int multiplier(Counts c, long now) {
    long base = config.baseEjectionTime().toNanos();
    if (c.ejections == 0 || base <= 0) return c.ejections;
    long quietPeriods = Math.max(0, now - c.lastEjectionEndNanos) / base;
    return (int) Math.max(0, c.ejections - quietPeriods);
  }

  /**
   * The multiplier that reaches the longest ejection. Counting past it would lengthen nothing now
   * and only delay forgiveness later.
   */
  private int maxMultiplier() {
    long base = Math.max(1, config.baseEjectionTime().toNanos());
    long max = config.maxEjectionTime().toNanos();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (max + base - 1) / base));
  }

  /** base × multiplier, capped at the maximum without overflowing. */
  private long duration(int multiplier) {
    long base = config.baseEjectionTime().toNanos();
    long max = config.maxEjectionTime().toNanos();
    return multiplier > max / Math.max(1, base) ? max : Math.min(max, base * multiplier);
  }
}
