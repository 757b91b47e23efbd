package dev.emporium.gateway.upstream.discovery.etcd;

import dev.emporium.gateway.config.Durations;
import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.gateway.upstream.EndpointAddress;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's members from etcd: the instances a service registered under
 * {@code <prefix>/services/<service>/}. Discovery lists that directory, then watches it from the
 * revision after the listing, and reports the full member list whenever it changes. When etcd cannot
 * be reached (the watch ends, a request fails, or the periodic check gets no answer), the last known
 * members keep serving, and discovery tries again, on the next endpoint, after a delay that doubles
 * up to a cap; each new attempt lists again, so no change made meanwhile is missed, and a revision
 * that etcd has compacted away is never asked for twice.
 *
 * <p>Discovery never judges health: members go through the cluster's active health checks and
 * outlier detection like any other. All its work runs on one event-loop context.
 */
final class EtcdDiscovery implements Discovery {

  private static final Logger log = LoggerFactory.getLogger(EtcdDiscovery.class);

  private final String cluster;
  private final EtcdSettings settings;
  private final Vertx vertx;
  private final EtcdClient etcd;
  private final String directory;
  /** The valid instances by key, in key order, so a listing and a watch give the same member order. */
  private final Map<String, Member> instances = new TreeMap<>();
  /** Keys whose value was refused, with the revision refused, so each bad value is logged once. */
  private final Map<String, Long> refused = new HashMap<>();
  private Context context;
  private Consumer<List<Member>> listener;
  private List<Member> reported;
  private long revision;
  private int endpoint;
  private int failures;
  /** Identifies the current attempt (list, then watch); callbacks of an abandoned attempt are ignored. */
  private long attempt;
  private EtcdClient.Watch watch;
  private long checkTimer = -1;
  private long retryTimer = -1;
  private boolean checking;
  private volatile boolean closed;

  EtcdDiscovery(String cluster, EtcdSettings settings, Vertx vertx) {
    this.cluster = cluster;
    this.settings = settings;
    this.vertx = vertx;
    this.etcd = new EtcdClient(vertx, settings, cluster);
    this.directory = settings.instancesKey();
  }

  @Override
  public void start(Consumer<List<Member>> listener) {
    this.listener = listener;
    this.context = vertx.getOrCreateContext();
    context.runOnContext(v -> connect());
  }

  @Override
  public void close() {
    closed = true;
    if (context == null) {
      etcd.close();
      return;
    }
    context.runOnContext(v -> {
      abandon();
      if (retryTimer >= 0) vertx.cancelTimer(retryTimer);
      etcd.close();
    });
  }

  /** Lists the directory, reports what is there, and watches it from the next revision. */
  private void connect() {
    retryTimer = -1;
    if (closed) return;
    long id = ++attempt;
    EtcdSettings.Endpoint at = settings.endpoints().get(endpoint);
    etcd.range(at, directory).onComplete(listed -> {
      if (id != attempt || closed) return;
      if (listed.failed()) {
        failed(id, at, "listing " + directory, listed.cause());
        return;
      }
      EtcdClient.Listing listing = listed.result();
      instances.clear();
      for (EtcdClient.KeyValue kv : listing.keys()) put(kv.key(), kv.value(), kv.modRevision());
      refused.keySet().retainAll(listing.keys().stream().map(EtcdClient.KeyValue::key).toList());
      revision = listing.revision();
      report();
      etcd.watch(at, directory, revision + 1, new WatchEvents(id, at)).onComplete(watched -> {
        if (id != attempt || closed) {
          if (watched.succeeded()) watched.result().cancel();
          return;
        }
        if (watched.failed()) {
          failed(id, at, "watching " + directory, watched.cause());
          return;
        }
        watch = watched.result();
        if (failures > 0) {
          log.info("cluster {}: etcd at {} answers again after {} failed attempts; {} members, watching from revision {}",
              cluster, at, failures, reported.size(), revision + 1);
        } else {
          log.info("cluster {}: {} members in etcd at {} under {}; watching from revision {}", cluster,
              reported.size(), at, directory, revision + 1);
        }
        failures = 0;
        checkTimer = vertx.setPeriodic(settings.checkInterval().toMillis(), t -> check(id, at));
      });
    });
  }

  /** Proves etcd still answers: a watch whose peer vanished without closing the connection would wait forever. */
  private void check(long id, EtcdSettings.Endpoint at) {
    if (id != attempt || closed || checking) return;
    checking = true;
    etcd.check(at, directory).onComplete(checked -> {
      checking = false;
      if (checked.failed()) failed(id, at, "checking etcd", checked.cause());
    });
  }

  private void failed(long id, EtcdSettings.Endpoint at, String what, Throwable cause) {
    if (id != attempt || closed) return;
    abandon();
    failures++;
    endpoint = (endpoint + 1) % settings.endpoints().size();
    Duration delay = delay(failures);
    String known = reported == null ? "no members known yet" : "keeping the " + reported.size() + " last known members";
    if (failures == 1) {
      log.warn("cluster {}: etcd discovery failed {} at {} ({}); {}; trying again in {}", cluster, what, at,
          describe(cause), known, Durations.format(delay));
    } else {
      log.debug("cluster {}: etcd discovery failed {} at {} ({}), attempt {}; {}; trying again in {}", cluster, what, at,
          describe(cause), failures, known, Durations.format(delay));
    }
    retryTimer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> connect());
  }

  /** Stops the current attempt: its watch, its checks, and any callback still to come. */
  private void abandon() {
    attempt++;
    if (watch != null) {
      watch.cancel();
      watch = null;
    }
    if (checkTimer >= 0) {
      vertx.cancelTimer(checkTimer);
      checkTimer = -1;
    }
    checking = false;
  }

  /** {@code retryDelay} doubled per consecutive failure, at most {@code maxRetryDelay}, ±20 % so gateways spread out. */
  Duration delay(int failures) {
    long base = settings.retryDelay().toMillis();
    long max = settings.maxRetryDelay().toMillis();
    long delay = failures >= 31 ? max : Math.min(max, base << Math.min(30, failures - 1));
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(delay * jitter)));
  }

  private void put(String key, byte[] value, long modRevision) {
    try {
      instances.put(key, InstanceRecord.parse(value));
      refused.remove(key);
    } catch (IllegalArgumentException e) {
      instances.remove(key);
      if (!Objects.equals(refused.put(key, modRevision), modRevision)) {
        log.warn("cluster {}: ignoring etcd key {}: {}", cluster, key, e.getMessage());
      }
    }
  }

  /** Tells the cluster the members, when they differ from those it was last told. */
  private void report() {
    Map<EndpointAddress, Member> byAddress = new LinkedHashMap<>();
    for (Member member : instances.values()) byAddress.putIfAbsent(member.address(), member);
    List<Member> members = List.copyOf(byAddress.values());
    if (members.equals(reported)) return;
    if (reported != null) {
      log.info("cluster {}: etcd reports {} members: {}", cluster, members.size(),
          members.stream().map(m -> m.address().toString()).toList());
    }
    reported = members;
    listener.accept(members);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  /** Applies one attempt's watch messages, and ends the attempt when the watch ends. */
  private final class WatchEvents implements EtcdClient.WatchListener {
    private final long id;
    private final EtcdSettings.Endpoint at;

    WatchEvents(long id, EtcdSettings.Endpoint at) {
      this.id = id;
      this.at = at;
    }

    @Override
    public void events(List<EtcdClient.Event> events, long atRevision) {
      if (id != attempt || closed) return;
      for (EtcdClient.Event event : events) {
        if (event.deleted()) {
          instances.remove(event.key());
          refused.remove(event.key());
        } else {
          put(event.key(), event.value(), event.modRevision());
        }
      }
      revision = Math.max(revision, atRevision);
      report();
    }

    @Override
    public void canceled(long compactRevision, String reason) {
      if (id != attempt || closed) return;
      if (compactRevision > 0) {
        // The history from our revision is gone: only a fresh listing tells the current members.
        log.info("cluster {}: etcd compacted its history past revision {} (we had {}); listing again", cluster,
            compactRevision, revision);
        abandon();
        connect();
      } else {
        EtcdDiscovery.this.failed(id, at, "watching " + directory, new IllegalStateException(reason));
      }
    }

    @Override
    public void failed(Throwable cause) {
      EtcdDiscovery.this.failed(id, at, "watching " + directory, cause);
    }
  }
}
