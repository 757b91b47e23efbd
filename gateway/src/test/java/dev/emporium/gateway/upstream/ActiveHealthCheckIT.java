package dev.emporium.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Active health checks against real upstreams, through a real gateway. */
class ActiveHealthCheckIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void marksAnEndpointUnhealthyAfterThreeFailedProbesAndHealthyAfterTwoPasses() {
    try (ProbedUpstream a = new ProbedUpstream("a");
        ProbedUpstream b = new ProbedUpstream("b");
        GatewayHarness gateway = GatewayHarness.start(config(a, b, "interval: 100ms"))) {
      Cluster cluster = gateway.gateway().state().clusters().get("orders");
      Endpoint endpointB = endpoint(cluster, b);
      List<String> verdicts = new CopyOnWriteArrayList<>();
      // Probes of one endpoint never overlap, so the upstream's count when the verdict changes is
      // exactly the number of probes it took.
      cluster.onChange(onHealthChange(endpointB, healthy ->
          verdicts.add((healthy ? "healthy after passes: " + b.passedProbes() : "unhealthy after failures: " + b.failedProbes()))));

      b.probesAnswer(503);
      // Listeners hear of a change just after it is made: wait for the verdict, not the flag.
      TestUpstream.await(WAIT, () -> verdicts.size() == 1, "b to be marked unhealthy");
      assertThat(verdicts).containsExactly("unhealthy after failures: 3");
      assertThat(endpointB.healthy()).isFalse();

      int before = b.requests();
      for (int i = 0; i < 10; i++) assertThat(gateway.get("/orders").body()).isEqualTo("a");
      assertThat(b.requests()).isEqualTo(before);

      b.probesAnswer(200);
      TestUpstream.await(WAIT, () -> verdicts.size() == 2, "b to be marked healthy again");
      assertThat(verdicts).containsExactly("unhealthy after failures: 3", "healthy after passes: 2");

      int served = 0;
      for (int i = 0; i < 10; i++) if (gateway.get("/orders").body().equals("b")) served++;
      assertThat(served).isEqualTo(5);
    }
  }

  @Test
  void probesTheConfiguredPathAndAcceptsOnlyTheExpectedStatuses() {
    try (TestUpstream ok = TestUpstream.start(r -> r.response().setStatusCode(204).end());
        TestUpstream redirecting = TestUpstream.start(r -> r.response().setStatusCode(200).end());
        GatewayHarness gateway = GatewayHarness.start("""
            routes:
              - name: orders
                match:
                  path: /orders
                cluster: orders
            clusters:
              - name: orders
                endpoints:
                  - address: %s
                  - address: %s
                healthCheck:
                  enabled: true
                  path: /status/ready
                  interval: 100ms
                  unhealthyThreshold: 2
                  expectedStatus: "204,300-302"
            """.formatted(ok.address(), redirecting.address()))) {
      Cluster cluster = gateway.gateway().state().clusters().get("orders");

      TestUpstream.await(WAIT, () -> !endpoint(cluster, redirecting.address()).healthy(), "200 to fail the check");
      var probe = ok.take();
      assertThat(probe.uri()).isEqualTo("/status/ready");
      assertThat(probe.header("User-Agent")).isEqualTo("emporium-gateway-health-check");
      assertThat(endpoint(cluster, ok.address()).healthy()).isTrue();
    }
  }

  @Test
  void failsAProbeThatGetsNoAnswerWithinTheTimeout() {
    try (ProbedUpstream a = new ProbedUpstream("a");
        ProbedUpstream b = new ProbedUpstream("b");
        GatewayHarness gateway = GatewayHarness.start(config(a, b, "interval: 100ms\n      timeout: 150ms"))) {
      Endpoint endpointB = endpoint(gateway.gateway().state().clusters().get("orders"), b);

      b.hangProbes();

      TestUpstream.await(WAIT, () -> !endpointB.healthy(), "b to be marked unhealthy");
      assertThat(endpoint(gateway.gateway().state().clusters().get("orders"), a).healthy()).isTrue();
    }
  }

  @Test
  void marksAnEndpointThatNoLongerListensUnhealthy() {
    try (ProbedUpstream a = new ProbedUpstream("a");
        ProbedUpstream b = new ProbedUpstream("b");
        GatewayHarness gateway = GatewayHarness.start(config(a, b, "interval: 100ms"))) {
      Endpoint endpointB = endpoint(gateway.gateway().state().clusters().get("orders"), b);

      b.close();

      TestUpstream.await(WAIT, () -> !endpointB.healthy(), "b to be marked unhealthy");
      for (int i = 0; i < 6; i++) assertThat(gateway.get("/orders").body()).isEqualTo("a");
    }
  }

  @Test
  void probesAnEndpointAtOnceWhenDiscoveryAddsIt() {
    TestDiscovery discovery = new TestDiscovery();
    try (ProbedUpstream a = new ProbedUpstream("a");
        ProbedUpstream b = new ProbedUpstream("b");
        GatewayHarness gateway = GatewayHarness.start("""
            routes:
              - name: orders
                match:
                  path: /orders
                cluster: orders
            clusters:
              - name: orders
                discovery:
                  type: test
                healthCheck:
                  enabled: true
                  path: /healthz
                  interval: 1h
                  unhealthyThreshold: 1
            """, options -> options.withDiscoveries(new DiscoveryRegistry().register(discovery)))) {
      discovery.announce(a.address());
      Cluster cluster = gateway.gateway().state().clusters().get("orders");
      TestUpstream.await(WAIT, () -> a.passedProbes() == 1, "a to be probed");
      b.probesAnswer(503);

      discovery.announce(a.address(), b.address());

      // The next scheduled round is an hour away: only a probe on arrival can find b unhealthy.
      TestUpstream.await(WAIT, () -> !endpoint(cluster, b).healthy(), "b to be probed on arrival");
      assertThat(a.passedProbes()).isEqualTo(1);
    }
  }

  private static String config(ProbedUpstream a, ProbedUpstream b, String healthSettings) {
    return """
        routes:
          - name: orders
            match:
              path: /orders
            cluster: orders
        clusters:
          - name: orders
            endpoints:
              - address: %s
              - address: %s
            healthCheck:
              enabled: true
              path: /healthz
              %s
        """.formatted(a.address(), b.address(), healthSettings);
  }

  static Endpoint endpoint(Cluster cluster, ProbedUpstream upstream) {
    return endpoint(cluster, upstream.address());
  }

  static Endpoint endpoint(Cluster cluster, String address) {
    return cluster.endpoints().all().stream().filter(e -> e.id().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no endpoint " + address + " in " + cluster.endpoints().all()));
  }

  /** Calls {@code verdict} each time the endpoint's health changes. */
  private static Consumer<Cluster> onHealthChange(Endpoint endpoint, Consumer<Boolean> verdict) {
    boolean[] last = {endpoint.healthy()};
    return cluster -> {
      synchronized (last) {
        if (endpoint.healthy() != last[0]) {
          last[0] = endpoint.healthy();
          verdict.accept(last[0]);
        }
      }
    };
  }

  /** A discovery whose members the test announces. */
  static final class TestDiscovery implements DiscoveryFactory, Discovery {
    private volatile Consumer<List<Member>> listener;

    void announce(String... addresses) {
      TestUpstream.await(WAIT, () -> listener != null, "discovery to start");
      listener.accept(java.util.Arrays.stream(addresses).map(a -> new Member(EndpointAddress.parse(a), 1, null)).toList());
    }

    @Override
    public String type() {
      return "test";
    }

    @Override
    public Discovery create(ClusterConfig cluster, Vertx vertx) {
      return this;
    }

    @Override
    public void start(Consumer<List<Member>> listener) {
      this.listener = listener;
    }

    @Override
    public void close() {}
  }
}
