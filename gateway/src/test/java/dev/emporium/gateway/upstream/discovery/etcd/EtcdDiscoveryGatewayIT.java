package dev.emporium.gateway.upstream.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import dev.emporium.gateway.upstream.Cluster;
import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.platform.testing.EtcdServer;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A running gateway whose cluster's members are the instances registered in a real etcd. */
class EtcdDiscoveryGatewayIT {

  private final String prefix = "/t" + UUID.randomUUID().toString().substring(0, 8);
  private EtcdServer etcd;

  @BeforeEach
  void startEtcd() {
    etcd = EtcdServer.start();
  }

  @AfterEach
  void stopEtcd() {
    etcd.close();
  }

  private GatewayHarness gateway() {
    return GatewayHarness.start("""
        routes:
          - name: users
            match:
              path: /users
            cluster: user
        clusters:
          - name: user
            discovery:
              type: etcd
              settings:
                endpoints: %s
                prefix: %s
                retryDelay: 50ms
                maxRetryDelay: 300ms
                checkInterval: 200ms
                requestTimeout: 500ms
            healthCheck:
              enabled: true
              path: /health
              interval: 100ms
              unhealthyThreshold: 2
            outlierDetection:
              enabled: false
        """.formatted(etcd.endpoint(), prefix));
  }

  /** An instance answering its name, with a health endpoint whose status the test sets. */
  private static final class Instance implements AutoCloseable {
    final String name;
    volatile int health = 200;
    final TestUpstream upstream;

    Instance(String name) {
      this.name = name;
      this.upstream = TestUpstream.start(request -> {
        if (request.path().equals("/health")) {
          request.response().setStatusCode(health).end();
        } else {
          request.response().end(name);
        }
      });
    }

    @Override
    public void close() {
      upstream.close();
    }
  }

  private void register(Instance instance) {
    etcd.put(prefix + "/services/user/" + instance.name,
        "{\"address\":\"" + instance.upstream.address() + "\",\"version\":\"1\",\"startedAt\":\"2026-01-01T00:00:00Z\"}");
  }

  private void unregister(Instance instance) {
    etcd.delete(prefix + "/services/user/" + instance.name);
  }

  private static void awaitAvailable(GatewayHarness gateway, Instance... instances) {
    Set<String> expected = new HashSet<>();
    for (Instance i : instances) expected.add(i.upstream.address());
    Cluster cluster = gateway.gateway().state().clusters().get("user");
    EtcdDiscoveryIT.await(() -> {
      Set<String> available = new HashSet<>();
      for (Endpoint e : cluster.endpoints().available()) available.add(e.id());
      return available.equals(expected);
    }, "available endpoints " + expected + ", have " + cluster.endpoints().all());
  }

  /** Who served each of {@code n} requests. */
  private static Set<String> servedBy(GatewayHarness gateway, int n) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> response = gateway.get("/users");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      names.add(response.body());
    }
    return names;
  }

  @Test
  void trafficFollowsTheInstancesRegisteredAsTheServiceScalesUpAndDown() {
    try (Instance a = new Instance("a"); Instance b = new Instance("b"); Instance c = new Instance("c");
        GatewayHarness gateway = gateway()) {
      register(a);
      awaitAvailable(gateway, a);
      assertThat(servedBy(gateway, 4)).containsExactly("a");

      register(b);
      register(c);
      awaitAvailable(gateway, a, b, c);
      assertThat(servedBy(gateway, 9)).containsExactlyInAnyOrder("a", "b", "c");

      unregister(a);
      unregister(c);
      awaitAvailable(gateway, b);
      assertThat(servedBy(gateway, 6)).containsExactly("b");
    }
  }

  @Test
  void answersNoHealthyEndpointWhileNoInstanceIsRegistered() {
    try (Instance a = new Instance("a"); GatewayHarness gateway = gateway()) {
      HttpResponse<String> refused = gateway.get("/users");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(Problems.type(refused)).isEqualTo("no-healthy-endpoint");

      register(a);
      awaitAvailable(gateway, a);
      assertThat(servedBy(gateway, 2)).containsExactly("a");
    }
  }

  @Test
  void aRegisteredInstanceThatFailsItsHealthCheckGetsNoTraffic() {
    try (Instance a = new Instance("a"); Instance b = new Instance("b"); GatewayHarness gateway = gateway()) {
      b.health = 503;
      register(a);
      register(b);
      Cluster cluster = gateway.gateway().state().clusters().get("user");
      EtcdDiscoveryIT.await(() -> cluster.endpoints().all().size() == 2, "both instances discovered");
      awaitAvailable(gateway, a);
      assertThat(servedBy(gateway, 6)).containsExactly("a");

      b.health = 200;
      awaitAvailable(gateway, a, b);
      assertThat(servedBy(gateway, 6)).containsExactlyInAnyOrder("a", "b");
    }
  }

  @Test
  void trafficGoesOnToTheLastKnownInstancesWhileEtcdIsDownAndFollowsEtcdAgainWhenItIsBack()
      throws InterruptedException {
    try (Instance a = new Instance("a"); Instance b = new Instance("b"); Instance c = new Instance("c");
        GatewayHarness gateway = gateway()) {
      register(a);
      register(b);
      awaitAvailable(gateway, a, b);

      etcd.stop();
      long end = System.nanoTime() + 1_500_000_000L;
      Set<String> served = new HashSet<>();
      while (System.nanoTime() < end) {
        served.addAll(servedBy(gateway, 2));
        Thread.sleep(50);
      }
      assertThat(served).containsExactlyInAnyOrder("a", "b");

      etcd.restart();
      register(c);
      unregister(a);
      awaitAvailable(gateway, b, c);
      assertThat(servedBy(gateway, 6)).containsExactlyInAnyOrder("b", "c");
    }
  }

  @Test
  void listsAnEndpointOnceEvenWhenTwoKeysNameIt() {
    try (Instance a = new Instance("a"); GatewayHarness gateway = gateway()) {
      register(a);
      etcd.put(prefix + "/services/user/a-again", "{\"address\":\"" + a.upstream.address() + "\"}");
      awaitAvailable(gateway, a);

      List<Endpoint> all = gateway.gateway().state().clusters().get("user").endpoints().all();
      assertThat(all).hasSize(1);
    }
  }
}
