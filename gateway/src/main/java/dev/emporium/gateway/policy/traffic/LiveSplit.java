package dev.emporium.gateway.policy.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The split a route is using now, shared by every configuration version's policy for that route,
 * so that a change through the admin API reaches requests at once and outlives a reload.
 *
 * <p>It starts as the configuration file's split. An override through the admin API replaces it
 * until the file's split for the route changes (the file then wins, as the newer decision) or the
 * override is cleared. Each request reads the split once, so a change is atomic for it.
 */
public final class LiveSplit {

  /**
   * What the route uses, as the admin API shows it.
   *
   * @param file the split in the configuration file
   * @param active the split requests get now
   * @param overridden whether {@code active} was set through the admin API
   * @param since when {@code active} took effect
   */
  public record Snapshot(TrafficSplitConfig file, TrafficSplitConfig active, boolean overridden, Instant since) {}

  private record Current(Snapshot snapshot, SplitTable table) {}

  private final String route;
  private final MeterRegistry meters;
  private volatile Current current;

  LiveSplit(String route, MeterRegistry meters) {
    this.route = route;
    this.meters = meters;
  }

  /** The route this split belongs to. */
  public String route() {
    return route;
  }

  public Snapshot snapshot() {
    return current.snapshot;
  }

  SplitTable table() {
    return current.table;
  }

  /**
   * The configuration file's split for the route, at load or reload. An override survives when the
   * file's split is the same as before; a changed file split replaces it.
   */
  synchronized void fromFile(TrafficSplitConfig file) {
    Current now = current;
    if (now != null && now.snapshot.file().equals(file)) return;
    install(new Snapshot(file, file, false, Instant.now()));
  }

  /**
   * Puts an override in place at once.
   *
   * @throws SplitConfigException naming the field of a cluster the file's split does not name
   */
  public synchronized Snapshot override(TrafficSplitConfig next) {
    TrafficSplitConfig file = current.snapshot.file();
    Set<String> targets = file.clusters();
    List<String> outside = next.fieldsOutside(targets);
    if (!outside.isEmpty()) {
      String field = outside.get(0);
      throw new SplitConfigException(field, "cluster '" + next.clustersByField().get(field)
          + "' is not a target of route '" + route + "'; a live change may use the clusters the file's split names: "
          + String.join(", ", targets));
    }
    return install(new Snapshot(file, next, true, Instant.now()));
  }

  /** Drops an override: the file's split applies again. */
  public synchronized Snapshot reset() {
    TrafficSplitConfig file = current.snapshot.file();
    if (!current.snapshot.overridden()) return current.snapshot;
    return install(new Snapshot(file, file, false, Instant.now()));
  }

  private Snapshot install(Snapshot snapshot) {
    current = new Current(snapshot, new SplitTable(snapshot.active(), this::counter));
    return snapshot;
  }

  private Counter counter(String cluster, String reason) {
    return Counter.builder("gateway.traffic.split.decisions")
        .description("Requests a traffic split sent to a cluster, by route and reason (rule, weight, sticky)")
        .tags("route", route, "cluster", cluster, "reason", reason)
        .register(meters);
  }
}
