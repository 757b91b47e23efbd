package dev.emporium.gateway.upstream.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.DiscoveryConfig;
import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.platform.testing.EtcdServer;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against a real etcd: what is registered, what changes, and what etcd's outages do. */
class EtcdDiscoveryIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private EtcdServer etcd;
  private Vertx vertx;
  private final String prefix = "/t" + UUID.randomUUID().toString().substring(0, 8);
  private final List<List<String>> reports = new CopyOnWriteArrayList<>();
  private Discovery discovery;

  @BeforeEach
  void startEtcd() {
    etcd = EtcdServer.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (discovery != null) discovery.close();
    vertx.close().await();
    etcd.close();
  }

  private void discover(String service, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(Map.of("endpoints", etcd.address(), "prefix", prefix,
        "service", service, "retryDelay", "50ms", "maxRetryDelay", "200ms", "checkInterval", "200ms",
        "requestTimeout", "500ms"));
    settings.putAll(more);
    ClusterConfig cluster = new ClusterConfig("c", List.of(), new DiscoveryConfig("etcd", settings), null, null,
        null, null, null, null, null, null, null, null, null);
    new EtcdDiscoveryFactory().validate(cluster);
    discovery = new EtcdDiscoveryFactory().create(cluster, vertx);
    discovery.start(members -> reports.add(members.stream()
        .map(m -> m.address() + (m.weight() != 1 ? " w" + m.weight() : "") + (m.zone() != null ? " " + m.zone() : ""))
        .toList()));
  }

  private void discover(String service) {
    discover(service, Map.of());
  }

  private void register(String service, String id, String json) {
    etcd.put(prefix + "/services/" + service + "/" + id, json);
  }

  private void unregister(String service, String id) {
    etcd.delete(prefix + "/services/" + service + "/" + id);
  }

  private static String instance(int port) {
    return "{\"address\":\"127.0.0.1:" + port + "\",\"version\":\"1\",\"startedAt\":\"2026-01-01T00:00:00Z\"}";
  }

  private void awaitMembers(String... addresses) {
    List<String> expected = List.of(addresses);
    await(() -> !reports.isEmpty() && reports.get(reports.size() - 1).equals(expected),
        "members " + expected + "; reports so far " + reports);
  }

  @Test
  void listsTheInstancesAlreadyRegisteredThenFollowsRegistrationsAndRemovals() {
    register("user", "a", instance(9001));
    register("user", "b", "{\"address\":\"127.0.0.1:9002\",\"weight\":3,\"zone\":\"eu-1\"}");
    discover("user");
    awaitMembers("127.0.0.1:9001", "127.0.0.1:9002 w3 eu-1");

    register("user", "c", instance(9003));
    awaitMembers("127.0.0.1:9001", "127.0.0.1:9002 w3 eu-1", "127.0.0.1:9003");

    unregister("user", "a");
    awaitMembers("127.0.0.1:9002 w3 eu-1", "127.0.0.1:9003");

    register("user", "b", instance(9002));
    awaitMembers("127.0.0.1:9002", "127.0.0.1:9003");
  }

  @Test
  void reportsAnEmptyListWhenNoInstanceIsRegistered() {
    discover("user");
    awaitMembers();

    register("user", "a", instance(9001));
    awaitMembers("127.0.0.1:9001");
    unregister("user", "a");
    awaitMembers();
  }

  @Test
  void seesOnlyItsOwnServiceUnderItsOwnPrefix() {
    register("user", "a", instance(9001));
    register("users", "b", instance(9002));
    register("use", "c", instance(9003));
    etcd.put("/other" + prefix + "/services/user/d", instance(9004));
    discover("user");
    awaitMembers("127.0.0.1:9001");

    register("users", "e", instance(9005));
    register("user", "f", instance(9006));
    awaitMembers("127.0.0.1:9001", "127.0.0.1:9006");
  }

  @Test
  void ignoresAnInstanceWhoseValueIsUnusableAndKeepsTheOthers() {
    register("user", "a", instance(9001));
    register("user", "b", "not json");
    discover("user");
    awaitMembers("127.0.0.1:9001");

    register("user", "a", "{\"address\":\"127.0.0.1:9001\",\"weight\":5000}");
    register("user", "c", instance(9003));
    awaitMembers("127.0.0.1:9003");

    register("user", "b", instance(9002));
    awaitMembers("127.0.0.1:9002", "127.0.0.1:9003");
  }

  @Test
  void reportsOnlyChangesNotRewritesOfTheSameValue() {
    register("user", "a", instance(9001));
    discover("user");
    awaitMembers("127.0.0.1:9001");

    register("user", "a", instance(9001));
    register("user", "b", instance(9002));
    awaitMembers("127.0.0.1:9001", "127.0.0.1:9002");

    assertThat(reports).hasSize(2);
  }

  @Test
  void keepsTheLastKnownMembersWhileEtcdIsDownAndFollowsItAgainWhenItIsBack() throws InterruptedException {
    register("user", "a", instance(9001));
    register("user", "b", instance(9002));
    discover("user");
    awaitMembers("127.0.0.1:9001", "127.0.0.1:9002");
    int before = reports.size();

    etcd.stop();
    // Many retries (every 50-200 ms) and failed checks: none may report anything.
    Thread.sleep(1500);
    assertThat(reports).hasSize(before);

    etcd.restart();
    register("user", "c", instance(9003));
    unregister("user", "a");
    awaitMembers("127.0.0.1:9002", "127.0.0.1:9003");
    register("user", "d", instance(9004));
    awaitMembers("127.0.0.1:9002", "127.0.0.1:9003", "127.0.0.1:9004");
  }

  @Test
  void startsWithNoMembersWhileEtcdIsUnreachableAndListsOnceItAnswers() throws InterruptedException {
    register("user", "a", instance(9001));
    etcd.stop();
    discover("user");
    Thread.sleep(700);
    assertThat(reports).isEmpty();

    etcd.restart();
    awaitMembers("127.0.0.1:9001");
  }

  @Test
  void listsAgainFromScratchWhenEtcdComesBackWithoutItsData() {
    register("user", "a", instance(9001));
    discover("user");
    awaitMembers("127.0.0.1:9001");

    etcd.wipe();
    // Revisions begin anew: a watch resumed from the old revision would miss these.
    register("user", "b", instance(9002));
    awaitMembers("127.0.0.1:9002");
    register("user", "c", instance(9003));
    awaitMembers("127.0.0.1:9002", "127.0.0.1:9003");
  }

  @Test
  void triesTheNextEndpointWhenOneDoesNotAnswer() throws Exception {
    int dead;
    try (ServerSocket socket = new ServerSocket(0)) {
      dead = socket.getLocalPort();
    }
    register("user", "a", instance(9001));
    discover("user", Map.of("endpoints", "127.0.0.1:" + dead + "," + etcd.endpoint()));
    awaitMembers("127.0.0.1:9001");

    register("user", "b", instance(9002));
    awaitMembers("127.0.0.1:9001", "127.0.0.1:9002");
  }

  @Test
  void stopsWatchingWhenClosed() throws InterruptedException {
    register("user", "a", instance(9001));
    discover("user");
    awaitMembers("127.0.0.1:9001");

    discovery.close();
    Thread.sleep(200);
    register("user", "b", instance(9002));
    Thread.sleep(500);

    assertThat(reports).hasSize(1);
  }

  @Test
  void backsOffByDoublingUpToTheCapWithJitter() {
    discover("user", Map.of("retryDelay", "100ms", "maxRetryDelay", "1s"));
    EtcdDiscovery d = (EtcdDiscovery) discovery;

    assertThat(d.delay(1).toMillis()).isBetween(80L, 120L);
    assertThat(d.delay(3).toMillis()).isBetween(320L, 480L);
    assertThat(d.delay(5).toMillis()).isBetween(800L, 1200L);
    assertThat(d.delay(100).toMillis()).isBetween(800L, 1200L);
  }

  static void await(java.util.function.BooleanSupplier condition, String what) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
  }
}
