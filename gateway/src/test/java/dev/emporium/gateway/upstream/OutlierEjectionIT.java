package dev.emporium.gateway.upstream;

import static dev.emporium.gateway.upstream.ActiveHealthCheckIT.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Passive outlier ejection from real traffic to real upstreams, through a real gateway. */
class OutlierEjectionIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void ejectsAnEndpointAfterConsecutive5xxForLongerEachTime() {
    try (TestUpstream good = TestUpstream.fixed(200, "good");
        TestUpstream failing = TestUpstream.fixed(500, "boom");
        GatewayHarness gateway = GatewayHarness.start(config(List.of(good, failing), """
            consecutive5xx: 3
                  baseEjectionTime: 600ms
                  maxEjectionTime: 10s
            """))) {
      Cluster cluster = gateway.gateway().state().clusters().get("orders");
      Endpoint bad = endpoint(cluster, failing.address());
      // The length of each ejection, as the cluster announces it.
      List<Long> ejectionMillis = new CopyOnWriteArrayList<>();
      long[] lastUntil = {0};
      cluster.onChange(c -> {
        synchronized (lastUntil) {
          long until = bad.ejectedUntilNanos();
          if (bad.ejected() && until != lastUntil[0]) {
            lastUntil[0] = until;
            ejectionMillis.add((until - System.nanoTime()) / 1_000_000);
          }
        }
      });

      // Round-robin: every other request reaches the failing endpoint until its third 500.
      int errors = 0;
      for (int i = 0; i < 6; i++) if (gateway.get("/orders").statusCode() == 500) errors++;
      assertThat(errors).isEqualTo(3);
      assertThat(bad.ejected()).isTrue();
      for (int i = 0; i < 10; i++) assertThat(gateway.get("/orders").body()).isEqualTo("good");
      assertThat(failing.requestCount()).isEqualTo(3);

      // Back in rotation after the ejection, then ejected again well within one base period of
      // good behaviour (which would be forgiven), for twice as long.
      TestUpstream.await(WAIT, () -> !bad.ejected(), "the first ejection to end");
      long returned = System.nanoTime();
      while (!bad.ejected()) gateway.get("/orders");
      TestUpstream.await(WAIT, () -> !bad.ejected(), "the second ejection to end");
      long secondLasted = (System.nanoTime() - returned) / 1_000_000;

      assertThat(failing.requestCount()).isEqualTo(6);
      assertThat(ejectionMillis).hasSize(2);
      assertThat((double) ejectionMillis.get(0)).isCloseTo(600, within(100.0));
      assertThat((double) ejectionMillis.get(1)).isCloseTo(1200, within(100.0));
      assertThat(secondLasted).isGreaterThanOrEqualTo(1190);
    }
  }

  @Test
  void ejectsAnEndpointThatRefusesConnectionsAndShowsItInTheAdminApi() {
    TestUpstream gone = TestUpstream.fixed(200, "gone");
    String goneAddress = gone.address();
    gone.close();
    try (TestUpstream good = TestUpstream.fixed(200, "good");
        GatewayHarness gateway = GatewayHarness.start(config(good.address(), goneAddress, """
            consecutiveConnectFailures: 2
                  baseEjectionTime: 30s
            """))) {
      int badGateway = 0;
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> response = gateway.get("/orders");
        if (response.statusCode() == 502) badGateway++;
      }
      assertThat(badGateway).isEqualTo(2);
      for (int i = 0; i < 10; i++) assertThat(gateway.get("/orders").statusCode()).isEqualTo(200);

      HttpResponse<String> admin = gateway.admin("GET", "/admin/clusters", true);
      assertThat(admin.statusCode()).isEqualTo(200);
      JsonObject orders = new JsonArray(admin.body()).getJsonObject(0);
      assertThat(orders.getString("name")).isEqualTo("orders");
      JsonObject refused = endpointJson(orders, goneAddress);
      assertThat(refused.getBoolean("ejected")).isTrue();
      assertThat(refused.getBoolean("available")).isFalse();
      assertThat(refused.getBoolean("healthy")).isTrue();
      JsonObject serving = endpointJson(orders, good.address());
      assertThat(serving.getBoolean("ejected")).isFalse();
      assertThat(serving.getBoolean("available")).isTrue();
    }
  }

  @Test
  void neverEjectsMoreThanMaxEjectionPercentOfTheCluster() {
    try (TestUpstream a = TestUpstream.fixed(500, "a");
        TestUpstream b = TestUpstream.fixed(500, "b");
        TestUpstream c = TestUpstream.fixed(500, "c");
        TestUpstream d = TestUpstream.fixed(500, "d");
        GatewayHarness gateway = GatewayHarness.start(config(List.of(a, b, c, d), """
            consecutive5xx: 2
                  baseEjectionTime: 30s
                  maxEjectionPercent: 50
            """))) {
      Cluster cluster = gateway.gateway().state().clusters().get("orders");

      for (int i = 0; i < 40; i++) assertThat(gateway.get("/orders").statusCode()).isEqualTo(500);

      assertThat(cluster.endpoints().all().stream().filter(Endpoint::ejected)).hasSize(2);
      assertThat(cluster.endpoints().available()).hasSize(2);
    }
  }

  private static JsonObject endpointJson(JsonObject cluster, String address) {
    JsonArray endpoints = cluster.getJsonArray("endpoints");
    for (int i = 0; i < endpoints.size(); i++) {
      if (endpoints.getJsonObject(i).getString("address").equals(address)) return endpoints.getJsonObject(i);
    }
    throw new AssertionError("no endpoint " + address + " in " + endpoints.encodePrettily());
  }

  private static String config(List<TestUpstream> upstreams, String outlierSettings) {
    return config(upstreams.stream().map(TestUpstream::address).toArray(String[]::new), outlierSettings);
  }

  private static String config(String first, String second, String outlierSettings) {
    return config(new String[] {first, second}, outlierSettings);
  }

  /** Round-robin, no retries and no breaker, so that every request reaches the endpoint it was given. */
  private static String config(String[] addresses, String outlierSettings) {
    StringBuilder endpoints = new StringBuilder();
    for (String address : addresses) endpoints.append("      - address: ").append(address).append('\n');
    return """
        routes:
          - name: orders
            match:
              path: /orders
            cluster: orders
        clusters:
          - name: orders
            endpoints:
        %s    retry:
              retries: 0
            circuitBreaker:
              enabled: false
            outlierDetection:
              %s""".formatted(endpoints, outlierSettings);
  }
}
