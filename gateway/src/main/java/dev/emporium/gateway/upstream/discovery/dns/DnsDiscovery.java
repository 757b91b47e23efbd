package dev.emporium.gateway.upstream.discovery.dns;

import dev.emporium.gateway.config.Durations;
import dev.emporium.gateway.upstream.Discovery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's members from DNS: the name is looked up now and again after every answer, and the
 * listener hears the full member list whenever it differs from the last one. A failed lookup
 * changes nothing: the cluster keeps the members of the last answer (its health checks and outlier
 * detection still judge them) until a lookup succeeds again.
 */
public final class DnsDiscovery implements Discovery {

  private static final Logger log = LoggerFactory.getLogger(DnsDiscovery.class);

  private final String cluster;
  private final DnsDiscoverySettings settings;
  private final Vertx vertx;
  private final DnsLookup lookup;
  private final Counter successes;
  private final Counter failures;
  private Consumer<List<Member>> listener;
  private List<Member> current;
  private int failuresInARow;
  private long timer = -1;
  private volatile boolean closed;

  public DnsDiscovery(String cluster, DnsDiscoverySettings settings, Vertx vertx, MeterRegistry meters) {
    this.cluster = cluster;
    this.settings = settings;
    this.vertx = vertx;
    this.lookup = new DnsLookup(vertx, settings);
    this.successes = lookups(meters, cluster, "success");
    this.failures = lookups(meters, cluster, "failure");
  }

  private static Counter lookups(MeterRegistry meters, String cluster, String result) {
    return Counter.builder("gateway.discovery.lookups")
        .description("Lookups by discovery of a cluster's members, by result")
        .tags("cluster", cluster, "type", "dns", "result", result)
        .register(meters);
  }

  @Override
  public void start(Consumer<List<Member>> listener) {
    synchronized (this) {
      this.listener = listener;
    }
    vertx.runOnContext(ignored -> refresh());
  }

  private void refresh() {
    if (closed) return;
    lookup.lookup().onComplete(result -> {
      if (closed) return;
      Duration next;
      if (result.succeeded()) {
        next = answered(result.result());
      } else {
        next = failed(result.cause());
      }
      synchronized (this) {
        if (!closed) timer = vertx.setTimer(Math.max(1, next.toMillis()), id -> refresh());
      }
    });
  }

  private Duration answered(DnsLookup.Answer answer) {
    successes.increment();
    if (failuresInARow > 0) {
      log.info("cluster {}: DNS lookups of {} work again after {} failures", cluster, settings.name(), failuresInARow);
      failuresInARow = 0;
    }
    if (answer.truncated() > 0) {
      log.warn("cluster {}: {} has {} members more than maxMembers {}; they are left out", cluster, settings.name(),
          answer.truncated(), settings.maxMembers());
    }
    List<Member> members = answer.members();
    if (!members.equals(current)) {
      log.info("cluster {}: {} now has {} member(s): {}", cluster, settings.name(), members.size(),
          members.stream().map(m -> m.address().toString()).toList());
      current = members;
      Consumer<List<Member>> target;
      synchronized (this) {
        target = listener;
      }
      target.accept(members);
    }
    return answer.ttlSeconds().isPresent() ? settings.afterTtl(answer.ttlSeconds().getAsLong()) : settings.interval();
  }

  private Duration failed(Throwable cause) {
    failures.increment();
    failuresInARow++;
    String kept = current == null ? "no members yet" : "keeping its " + current.size() + " member(s)";
    if (failuresInARow == 1) {
      log.warn("cluster {}: DNS lookup of {} failed ({}); {}, next try in {}", cluster, settings.name(),
          describe(cause), kept, Durations.format(settings.interval()));
    } else {
      log.debug("cluster {}: DNS lookup of {} failed again ({} in a row): {}", cluster, settings.name(),
          failuresInARow, describe(cause));
    }
    return settings.interval();
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (timer >= 0) vertx.cancelTimer(timer);
    }
    lookup.close();
  }
}
