package dev.emporium.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import dev.emporium.gateway.upstream.Cluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reloading the configuration, by admin call or file change, while requests keep flowing. */
class ReloadIT {

  /**
   * Routes /api/a (and /api/b when {@code withB}) to cluster svc; {@code requestTimeout} changes the
   * cluster; the file is not watched unless {@code serverExtra} says so.
   */
  private static String config(String address, boolean withB, String requestTimeout, String serverExtra) {
    String routeB = withB ? """
          - name: b
            match:
              path: /api/b
            cluster: svc
        """ : "";
    return """
        server:
          eventLoops: 2
          drainTimeout: 5s
        %s
        routes:
          - name: a
            match:
              path: /api/a
            cluster: svc
        %s
        clusters:
          - name: svc
            endpoints:
              - address: %s
            timeouts:
              request: %s
            retry:
              retries: 0
            outlierDetection:
              enabled: false
        """.formatted((serverExtra.isEmpty() ? "watchConfig: false\n" : serverExtra).indent(2), routeB, address,
        requestTimeout);
  }

  /** Clients firing requests back to back until stopped, counting every answer that is not 200. */
  private static final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger ok = new AtomicInteger();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();

    Load(GatewayHarness gateway, int clients) {
      for (int i = 0; i < clients; i++) {
        threads.add(Thread.ofPlatform().daemon().start(() -> {
          while (running.get()) {
            try {
              HttpResponse<String> r = gateway.client().send(
                  HttpRequest.newBuilder(URI.create(gateway.url("/api/a"))).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                ok.incrementAndGet();
              } else {
                failures.add(r.statusCode() + " " + r.body());
              }
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
        }));
      }
    }

    void awaitMore(int n) {
      int target = ok.get() + n;
      TestUpstream.await(Duration.ofSeconds(10), () -> ok.get() >= target, n + " more successful requests");
    }

    /** Stops the clients and waits for their last requests. */
    void stop() {
      running.set(false);
      try {
        for (Thread t : threads) t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      stop();
    }
  }

  /** An upstream that answers after a few milliseconds, so reloads find requests in flight. */
  private static TestUpstream slowishUpstream() {
    return TestUpstream.start(request -> io.vertx.core.Vertx.currentContext().owner()
        .setTimer(5, id -> request.response().end("ok")));
  }

  @Test
  void adminReloadsUnderLoadFailNoRequestAndNewRoutesTakeEffect() throws Exception {
    try (TestUpstream up = slowishUpstream();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "5s", ""))) {
      assertThat(gateway.get("/api/b").statusCode()).isEqualTo(404);
      try (Load load = new Load(gateway, 4)) {
        load.awaitMore(50);
        for (int i = 0; i < 6; i++) {
          // Alternate the cluster's definition too, so each reload retires a cluster with requests in flight.
          gateway.writeConfig(config(up.address(), true, i % 2 == 0 ? "4s" : "5s", ""));
          HttpResponse<String> reload = gateway.admin("POST", "/admin/reload", true);
          assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
          assertThat(new JsonObject(reload.body()).getBoolean("applied")).isTrue();
          load.awaitMore(30);
        }
        assertThat(gateway.get("/api/b").statusCode()).isEqualTo(200);
        load.stop();
        assertThat(load.failures).isEmpty();
        assertThat(load.ok.get()).isGreaterThan(200);
      }
      assertThat(gateway.gateway().state().version()).isEqualTo(7);
    }
  }

  @Test
  void aLongRequestToAClusterThatAReloadReplacesStillCompletes() throws Exception {
    java.util.Queue<io.vertx.core.http.HttpServerRequest> held = new java.util.concurrent.ConcurrentLinkedQueue<>();
    try (TestUpstream up = TestUpstream.start(held::add);
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "30s", ""))) {
      var inFlight = gateway.client().sendAsync(
          HttpRequest.newBuilder(URI.create(gateway.url("/api/a"))).build(), HttpResponse.BodyHandlers.ofString());
      TestUpstream.await(Duration.ofSeconds(5), () -> held.size() == 1, "the request to reach the upstream");
      io.vertx.core.http.HttpServerRequest upstreamRequest = held.poll();
      upstreamRequest.response().setChunked(true).write("streamed across ");
      Cluster before = gateway.gateway().state().clusters().get("svc");

      gateway.writeConfig(config(up.address(), true, "20s", ""));
      assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(gateway.gateway().state().clusters().get("svc")).isNotSameAs(before);
      Thread.sleep(300);
      assertThat(inFlight).isNotDone();

      upstreamRequest.response().end("a reload");
      HttpResponse<String> response = inFlight.get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("streamed across a reload");
    }
  }

  @Test
  void fileChangesAreReloadedUnderLoadWithoutFailingARequest() throws Exception {
    String watching = "watchConfig: true\nwatchInterval: 100ms\n";
    try (TestUpstream up = slowishUpstream();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "5s", watching))) {
      try (Load load = new Load(gateway, 4)) {
        load.awaitMore(50);
        gateway.writeConfig(config(up.address(), true, "4s", watching));
        TestUpstream.await(Duration.ofSeconds(5), () -> gateway.get("/api/b").statusCode() == 200,
            "the new route to serve");
        load.awaitMore(50);
        load.stop();
        assertThat(load.failures).isEmpty();
      }
    }
  }

  @Test
  void unchangedClustersKeepTheirBreakerAndEndpointHealth() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    try (TestUpstream up = TestUpstream.start(request -> {
          if (request.path().equals("/health")) {
            request.response().setStatusCode(healthy.get() ? 200 : 500).end();
          } else {
            request.response().setStatusCode(500).end();
          }
        });
        TestUpstream other = TestUpstream.start(request -> request.response().setStatusCode(500).end())) {
      String clusters = """
          clusters:
            - name: svc
              endpoints:
                - address: %s
              retry:
                retries: 0
              outlierDetection:
                enabled: false
              circuitBreaker:
                slidingWindowSize: 2
                openDuration: 60s
            - name: health
              endpoints:
                - address: %s
              healthCheck:
                enabled: true
                path: /health
                interval: 100ms
                unhealthyThreshold: 1
                healthyThreshold: 50
          """.formatted(other.address(), up.address());
      String routes = """
          routes:
            - name: a
              match:
                path: /api/a
              cluster: svc
          """;
      try (GatewayHarness gateway = GatewayHarness.start(routes + clusters)) {
        gateway.get("/api/a");
        gateway.get("/api/a");
        assertThat(Problems.type(gateway.get("/api/a"))).isEqualTo("circuit-open");
        healthy.set(false);
        Cluster health = gateway.gateway().state().clusters().get("health");
        TestUpstream.await(Duration.ofSeconds(5), () -> !health.endpoints().all().get(0).healthy(),
            "the health cluster's endpoint to fail its checks");
        healthy.set(true);

        gateway.writeConfig(routes + """
              - name: b
                match:
                  path: /api/b
                cluster: health
            """ + clusters);
        assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);

        assertThat(gateway.gateway().state().clusters().get("health")).isSameAs(health);
        assertThat(Problems.type(gateway.get("/api/a"))).isEqualTo("circuit-open");
        JsonArray view = new JsonArray(gateway.admin("GET", "/admin/clusters", true).body());
        Map<String, JsonObject> byName = new ConcurrentHashMap<>();
        view.forEach(o -> byName.put(((JsonObject) o).getString("name"), (JsonObject) o));
        assertThat(byName.get("svc").getJsonObject("circuitBreaker").getString("state")).isEqualTo("OPEN");
        assertThat(byName.get("health").getJsonArray("endpoints").getJsonObject(0).getBoolean("healthy")).isFalse();
        assertThat(Problems.type(gateway.get("/api/b"))).isEqualTo("no-healthy-endpoint");
      }
    }
  }

  @Test
  void aBadFileIsRefusedWithItsProblemsAndTheRunningConfigurationKeepsServing() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "5s", ""))) {
      gateway.writeConfig(config(up.address(), true, "5s", "").replace("cluster: svc\n", "cluster: nowhere\n")
          .replace("request: 5s", "request: soon"));
      HttpResponse<String> reload = gateway.admin("POST", "/admin/reload", true);

      assertThat(reload.statusCode()).isEqualTo(422);
      JsonObject result = new JsonObject(reload.body());
      assertThat(result.getBoolean("applied")).isFalse();
      assertThat(result.getLong("version")).isEqualTo(1L);
      JsonObject problem = result.getJsonArray("problems").getJsonObject(0);
      assertThat(problem.getString("file")).isEqualTo(gateway.configFile().toString());
      assertThat(problem.getInteger("line")).isPositive();
      assertThat(problem.getString("field")).isEqualTo("clusters[0].timeouts.request");
      assertThat(problem.getString("message")).contains("soon");

      assertThat(gateway.get("/api/a").statusCode()).isEqualTo(200);
      assertThat(gateway.gateway().state().version()).isEqualTo(1);
      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_config_reloads_total", "result", "refused"))
          .isEqualTo(1.0);
    }
  }

  @Test
  void validationProblemsAreAllReportedWithTheirLines() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "5s", ""))) {
      String bad = config(up.address(), true, "5s", "").replace("path: /api/b\n    cluster: svc", "path: /api/b\n    cluster: nowhere");
      gateway.writeConfig(bad);
      JsonObject result = new JsonObject(gateway.admin("POST", "/admin/reload", true).body());

      JsonObject problem = result.getJsonArray("problems").getJsonObject(0);
      assertThat(problem.getString("field")).isEqualTo("routes[1].cluster");
      assertThat(problem.getString("message")).contains("unknown cluster 'nowhere'");
      String line = bad.lines().toList().get(problem.getInteger("line") - 1 - preambleLines(gateway, bad));
      assertThat(line).contains("cluster: nowhere");
      assertThat(gateway.get("/api/b").statusCode()).isEqualTo(404);
    }
  }

  /** Lines the harness put before the test's YAML in the file. */
  private static int preambleLines(GatewayHarness gateway, String yaml) {
    try {
      String written = java.nio.file.Files.readString(gateway.configFile());
      return (int) written.substring(0, written.indexOf(yaml)).lines().count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aBadFileSeenByTheWatcherIsRefusedAndTheRunningConfigurationKeepsServing() {
    String watching = "watchConfig: true\nwatchInterval: 100ms\n";
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "5s", watching))) {
      gateway.writeConfig(config(up.address(), true, "5s", watching).replace("retries: 0", "retries: many"));
      TestUpstream.await(Duration.ofSeconds(5), () -> Metrics.value(Metrics.scrape(gateway),
          "gateway_config_reloads_total", "result", "refused") == 1.0, "the watcher to refuse the file");

      assertThat(gateway.get("/api/a").statusCode()).isEqualTo(200);
      assertThat(gateway.get("/api/b").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aClusterReplacedByReloadKeepsPublishingItsGauges() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), false, "5s", ""))) {
      gateway.writeConfig(config(up.address(), false, "4s", ""));
      assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);

      String scrape = Metrics.scrape(gateway);
      assertThat(Metrics.value(scrape, "gateway_circuit_breaker_state", "cluster", "svc", "state", "closed"))
          .isEqualTo(1.0);
      assertThat(Metrics.value(scrape, "gateway_bulkhead_available", "cluster", "svc")).isEqualTo(1024.0);
      assertThat(Metrics.value(scrape, "gateway_endpoint_healthy", "cluster", "svc", "endpoint", up.address()))
          .isEqualTo(1.0);
    }
  }
}
