package dev.emporium.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Load balancing through a real gateway, observed at real upstreams. */
class BalancingIT {

  @Test
  void spreadsByWeightInSmoothOrder() {
    try (TestUpstream heavy = named("heavy");
        TestUpstream light = named("light");
        GatewayHarness gateway = GatewayHarness.start("""
            routes:
              - name: orders
                match:
                  path: /orders
                cluster: orders
            clusters:
              - name: orders
                loadBalancer:
                  policy: weighted-round-robin
                endpoints:
                  - address: %s
                    weight: 3
                  - address: %s
                    weight: 1
            """.formatted(heavy.address(), light.address()))) {
      List<String> servedBy = IntStream.range(0, 8).mapToObj(i -> servedBy(gateway.get("/orders"))).toList();

      assertThat(servedBy).containsExactly("heavy", "heavy", "light", "heavy", "heavy", "heavy", "light", "heavy");
      assertThat(heavy.requestCount()).isEqualTo(6);
      assertThat(light.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void keepsEachUserOnOneEndpointByHeader() {
    try (TestUpstream a = named("a");
        TestUpstream b = named("b");
        TestUpstream c = named("c");
        GatewayHarness gateway = GatewayHarness.start(consistentHash("header: X-User", a, b, c))) {
      Set<String> used = new HashSet<>();
      for (int user = 0; user < 30; user++) {
        Set<String> forUser = new HashSet<>();
        for (int i = 0; i < 4; i++) forUser.add(servedBy(gateway.get("/orders", "X-User", "user-" + user)));
        assertThat(forUser).as("user-%d", user).hasSize(1);
        used.addAll(forUser);
      }
      assertThat(used).containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void keepsEachSessionOnOneEndpointByCookie() {
    try (TestUpstream a = named("a");
        TestUpstream b = named("b");
        TestUpstream c = named("c");
        GatewayHarness gateway = GatewayHarness.start(consistentHash("cookie: session", a, b, c))) {
      Set<String> used = new HashSet<>();
      for (int session = 0; session < 30; session++) {
        Set<String> forSession = new HashSet<>();
        for (int i = 0; i < 4; i++) {
          forSession.add(servedBy(gateway.get("/orders", "Cookie", "theme=dark; session=s" + session + "; lang=en")));
        }
        assertThat(forSession).as("session s%d", session).hasSize(1);
        used.addAll(forSession);
      }
      assertThat(used).containsExactlyInAnyOrder("a", "b", "c");
      // A request without the cookie is balanced round-robin.
      Set<String> keyless = new HashSet<>();
      for (int i = 0; i < 3; i++) keyless.add(servedBy(gateway.get("/orders", "Cookie", "theme=dark")));
      assertThat(keyless).containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void sendsLittleToAnEndpointThatHoldsItsRequests() throws Exception {
    List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    try (TestUpstream stuck = TestUpstream.start(held::add);
        TestUpstream quick = named("quick");
        GatewayHarness gateway = GatewayHarness.start("""
            routes:
              - name: orders
                match:
                  path: /orders
                cluster: orders
            clusters:
              - name: orders
                loadBalancer:
                  policy: least-request
                retry:
                  retries: 0
                endpoints:
                  - address: %s
                  - address: %s
            """.formatted(stuck.address(), quick.address()))) {
      List<CompletableFuture<HttpResponse<String>>> pending = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 20; i++) {
        pending.add(gateway.client().sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/orders"))).build(),
            HttpResponse.BodyHandlers.ofString()));
        // One at a time: each request is held or answered before the next is sent.
        TestUpstream.await(Duration.ofSeconds(5),
            () -> held.size() + pending.stream().filter(CompletableFuture::isDone).count() == pending.size(),
            "the request to be held or answered");
      }

      // Once one request is held, the stuck endpoint loses every comparison.
      assertThat(stuck.requestCount()).isLessThanOrEqualTo(2);
      assertThat(quick.requestCount()).isGreaterThanOrEqualTo(18);
      held.forEach(r -> stuck.vertx().runOnContext(v -> r.response().end("stuck")));
      for (CompletableFuture<HttpResponse<String>> f : pending) assertThat(f.get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void keepsTrafficInTheGatewaysZone() {
    try (TestUpstream near = named("near");
        TestUpstream far = named("far");
        GatewayHarness gateway = GatewayHarness.start("""
            server:
              eventLoops: 2
              watchConfig: false
              zone: eu-1a
            routes:
              - name: orders
                match:
                  path: /orders
                cluster: orders
            clusters:
              - name: orders
                loadBalancer:
                  zoneAware: {}
                retry:
                  backoff: 10ms
                endpoints:
                  - address: %s
                    zone: eu-1a
                  - address: %s
                    zone: eu-1b
            """.formatted(near.address(), far.address()))) {
      for (int i = 0; i < 10; i++) assertThat(servedBy(gateway.get("/orders"))).isEqualTo("near");
      String nearAddress = near.address();
      near.close();
      // The local endpoint refuses connections: each request is retried in the other zone until
      // outlier detection ejects the local endpoint, and from then on it spills over directly.
      for (int i = 0; i < 3; i++) assertThat(servedBy(gateway.get("/orders"))).isEqualTo("far");
      Cluster cluster = gateway.gateway().state().clusters().get("orders");
      assertThat(ActiveHealthCheckIT.endpoint(cluster, nearAddress).ejected()).isTrue();
      int before = far.requestCount();
      for (int i = 0; i < 5; i++) assertThat(servedBy(gateway.get("/orders"))).isEqualTo("far");
      assertThat(far.requestCount()).isEqualTo(before + 5);
    }
  }

  private static String consistentHash(String hashOn, TestUpstream... upstreams) {
    StringBuilder endpoints = new StringBuilder();
    for (TestUpstream u : upstreams) endpoints.append("      - address: ").append(u.address()).append('\n');
    return """
        routes:
          - name: orders
            match:
              path: /orders
            cluster: orders
        clusters:
          - name: orders
            loadBalancer:
              policy: consistent-hash
              hashOn:
                %s
            endpoints:
        %s""".formatted(hashOn, endpoints);
  }

  private static TestUpstream named(String name) {
    return TestUpstream.start(request -> request.response().putHeader("X-Served-By", name).end(name));
  }

  private static String servedBy(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("X-Served-By").orElseThrow();
  }
}
