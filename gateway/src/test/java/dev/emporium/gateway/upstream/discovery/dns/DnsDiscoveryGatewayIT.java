package dev.emporium.gateway.upstream.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.Dnsmasq;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traffic through a real gateway whose cluster's members come from a real dnsmasq, as from a
 * Kubernetes headless Service: pods are loopback addresses of their own sharing one port.
 */
class DnsDiscoveryGatewayIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Vertx vertx = Vertx.vertx();
  private final List<String> pods = new ArrayList<>();
  private int port;

  /** Three "pods" on 127.x.y.1-3 (x, y random so parallel runs do not meet), each answering its own address. */
  @BeforeEach
  void startPods() {
    for (int attempt = 0; pods.isEmpty() && attempt < 10; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ".";
      List<HttpServer> started = new ArrayList<>();
      try {
        int shared = 0;
        for (int i = 1; i <= 3; i++) {
          String ip = prefix + i;
          HttpServer server = vertx.createHttpServer()
              .requestHandler(request -> request.response().end(ip))
              .listen(shared, ip).await();
          shared = server.actualPort();
          started.add(server);
        }
        port = shared;
        for (int i = 1; i <= 3; i++) pods.add(prefix + i);
      } catch (RuntimeException portTaken) {
        started.forEach(s -> s.close().await());
      }
    }
    assertThat(pods).as("three pods on one port").hasSize(3);
  }

  @AfterEach
  void stopPods() {
    vertx.close().await();
  }

  @Test
  void sendsTrafficToThePodsTheNameResolvesToAndFollowsItsChanges() {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("catalogue", List.of(pods.get(0))));
      try (GatewayHarness gateway = GatewayHarness.start("""
          routes:
            - name: catalogue
              match:
                path: /products
              cluster: catalogue
          clusters:
            - name: catalogue
              discovery:
                type: dns
                settings:
                  name: catalogue.%s
                  port: %d
                  servers: %s
                  interval: 100ms
              healthCheck:
                enabled: true
                path: /health/ready
                interval: 200ms
            """.formatted(Dnsmasq.DOMAIN, port, dns.address()))) {

        awaitAnswering(gateway, "/products", Set.of(pods.get(0)));
        assertThat(answeringPods(gateway, "/products", 20)).containsExactly(pods.get(0));

        dns.hosts(Map.of("catalogue", pods));
        awaitAnswering(gateway, "/products", Set.copyOf(pods));

        dns.hosts(Map.of("catalogue", List.of(pods.get(2))));
        awaitAnswering(gateway, "/products", Set.of(pods.get(2)));
        assertThat(answeringPods(gateway, "/products", 20)).containsExactly(pods.get(2));

        String scrape = Metrics.scrape(gateway);
        assertThat(Metrics.value(scrape, "gateway_discovery_lookups_total", "cluster", "catalogue", "result", "success"))
            .isGreaterThanOrEqualTo(3);
        assertThat(gateway.admin("GET", "/admin/clusters", true).body()).contains("\"discovery\":\"dns\"");
      }
    }
  }

  @Test
  void keepsServingTheLastPodsWhileDnsIsDown() {
    try (Dnsmasq dns = Dnsmasq.start()) {
      dns.hosts(Map.of("orders", List.of(pods.get(0), pods.get(1))));
      try (GatewayHarness gateway = GatewayHarness.start("""
          routes:
            - name: orders
              match:
                path: /orders
              cluster: orders
          clusters:
            - name: orders
              discovery:
                type: dns
                settings:
                  name: orders.%s
                  port: %d
                  servers: %s
                  interval: 100ms
                  timeout: 100ms
            """.formatted(Dnsmasq.DOMAIN, port, dns.address()))) {
        awaitAnswering(gateway, "/orders", Set.of(pods.get(0), pods.get(1)));

        dns.stop();
        TestUpstream.await(WAIT, () -> Metrics.value(Metrics.scrape(gateway), "gateway_discovery_lookups_total",
            "cluster", "orders", "result", "failure") >= 3, "three failed lookups");

        assertThat(answeringPods(gateway, "/orders", 20)).containsExactlyInAnyOrder(pods.get(0), pods.get(1));
      }
    }
  }

  private static void awaitAnswering(GatewayHarness gateway, String path, Set<String> expected) {
    TestUpstream.await(WAIT, () -> answeringPods(gateway, path, 12).equals(expected), "traffic to exactly " + expected);
  }

  private static Set<String> answeringPods(GatewayHarness gateway, String path, int requests) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requests; i++) {
      var response = gateway.get(path);
      if (response.statusCode() == 200) seen.add(response.body());
    }
    return seen;
  }
}
