package dev.emporium.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which failed attempts are retried, how often, how far apart, and what stops them. */
class RetriesIT {

  /** A cluster of the given endpoints with fast retries; ejection and breaker off so only retries act. */
  private static String config(String retry, String clusterExtra, String routeExtra, String... endpoints) {
    StringBuilder list = new StringBuilder();
    for (String e : endpoints) list.append("      - address: ").append(e).append('\n');
    return """
        routes:
          - name: api
            match:
              path: /api/**
            cluster: svc
        %s
        clusters:
          - name: svc
            endpoints:
        %s
            timeouts:
              connect: 300ms
              request: 1s
            retry:
        %s
            outlierDetection:
              enabled: false
            circuitBreaker:
              enabled: false
        %s
        """.formatted(routeExtra.indent(4), list, retry.indent(6), clusterExtra.indent(4));
  }

  private static final String FAST = "retries: 3\nbackoff: 10ms\nmaxBackoff: 50ms\n";

  /** Fails the first {@code failures} requests with {@code failure}, then echoes. */
  private static TestUpstream failingFirst(int failures, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> failure) {
    AtomicInteger seen = new AtomicInteger();
    return TestUpstream.start(request -> {
      if (seen.incrementAndGet() <= failures) {
        failure.handle(request);
      } else {
        TestUpstream.echo(request);
      }
    });
  }

  private static void closeWithoutAnswer(io.vertx.core.http.HttpServerRequest request) {
    request.connection().close();
  }

  private static HttpResponse<String> post(GatewayHarness gateway, String body, String... headers) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/orders")))
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  private static double retries(GatewayHarness gateway) {
    return Metrics.value(Metrics.scrape(gateway), "gateway_upstream_retries_total", "cluster", "svc");
  }

  @Test
  void retriesIdempotentRequestOnConnectFailure() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", "127.0.0.1:" + TimeoutsIT.closedPort(),
            up.address()))) {
      for (int i = 0; i < 4; i++) assertThat(gateway.get("/api/items").statusCode()).isEqualTo(200);

      assertThat(up.requestCount()).isEqualTo(4);
      assertThat(retries(gateway)).isGreaterThanOrEqualTo(2.0);
    }
  }

  @Test
  void retriesIdempotentRequestWhenTheUpstreamClosesWithoutAnswering() {
    try (TestUpstream up = failingFirst(1, RetriesIT::closeWithoutAnswer);
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", up.address()))) {
      HttpResponse<String> response = gateway.get("/api/items");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(up.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void retries503ThenPassesOnTheSuccess() {
    try (TestUpstream up = failingFirst(2, r -> r.response().setStatusCode(503).end("busy"));
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", up.address()))) {
      HttpResponse<String> response = gateway.get("/api/items");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(up.requestCount()).isEqualTo(3);
    }
  }

  @Test
  void neverRetries500() {
    try (TestUpstream up = failingFirst(1, r -> r.response().setStatusCode(500).end("broken"));
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", up.address()))) {
      assertThat(gateway.get("/api/items").statusCode()).isEqualTo(500);
      assertThat(up.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void doesNotRetryATimeoutUnlessTheRouteAsksFor() {
    try (TestUpstream up = TestUpstream.start(request -> { });
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", up.address()))) {
      assertThat(gateway.get("/api/items").statusCode()).isEqualTo(504);
      assertThat(up.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void neverRetriesAPostWithoutIdempotencyKey() {
    try (TestUpstream up = failingFirst(1, RetriesIT::closeWithoutAnswer);
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", up.address()))) {
      HttpResponse<String> response = post(gateway, "{\"qty\":1}");

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(up.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void retriesAPostThatCarriesAnIdempotencyKeyAndResendsItsWholeBody() {
    String body = "x".repeat(20_000) + "-end";
    // The first endpoint reads the whole body, then drops the connection without answering.
    try (TestUpstream dropper = TestUpstream.start(r -> r.body().onComplete(b -> r.connection().close()));
        TestUpstream echo = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", dropper.address(), echo.address()))) {
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> response = post(gateway, body, "Idempotency-Key", "order-" + i,
            "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("body")).isEqualTo(body);
      }
      assertThat(dropper.requestCount()).isGreaterThanOrEqualTo(1);
      assertThat(echo.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void retriesALargeBodyThatNeverReachedTheUpstream() {
    String body = "y".repeat(300_000);
    try (TestUpstream echo = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", "127.0.0.1:" + TimeoutsIT.closedPort(),
            echo.address()))) {
      HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/files/1")))
          .PUT(HttpRequest.BodyPublishers.ofString(body)));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(response.body()).getString("body")).hasSize(body.length()).isEqualTo(body);
    }
  }

  @Test
  void neverResendsABodyTooLargeToHaveBeenKept() {
    String body = "z".repeat(300_000);
    try (TestUpstream dropper = TestUpstream.start(r -> r.body().onComplete(b -> r.connection().close()));
        TestUpstream echo = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(FAST, "", "", dropper.address(), echo.address()))) {
      HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/files/1")))
          .PUT(HttpRequest.BodyPublishers.ofString(body)));

      // Over retry.bufferLimit (64 KiB) no copy was kept, so once sent the body cannot be sent again.
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(dropper.requestCount()).isEqualTo(1);
      assertThat(echo.requestCount()).isZero();
    }
  }

  @Test
  void backsOffExponentiallyWithJitter() {
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    try (TestUpstream up = TestUpstream.start(r -> {
          arrivals.add(System.nanoTime());
          r.response().setStatusCode(503).end();
        });
        GatewayHarness gateway = GatewayHarness.start(config(
            "retries: 2\nbackoff: 100ms\nmaxBackoff: 1s\njitter: 0.5\n", "retryBudget:\n  minRetriesPerSecond: 100\n",
            "", up.address()))) {
      gateway.get("/api/warm-up");
      List<Long> firstGaps = new ArrayList<>();
      List<Long> secondGaps = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        arrivals.clear();
        assertThat(gateway.get("/api/items").statusCode()).isEqualTo(503);
        assertThat(arrivals).hasSize(3);
        long gap1 = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        long gap2 = (arrivals.get(2) - arrivals.get(1)) / 1_000_000;
        // 100 ms then 200 ms, each ±50 %; the upper bounds leave room for a busy machine.
        assertThat(gap1).isBetween(45L, 400L);
        assertThat(gap2).isBetween(95L, 600L);
        firstGaps.add(gap1);
        secondGaps.add(gap2);
      }
      double mean1 = firstGaps.stream().mapToLong(Long::longValue).average().orElseThrow();
      double mean2 = secondGaps.stream().mapToLong(Long::longValue).average().orElseThrow();
      assertThat(mean2).as("the second backoff doubles the first: %s then %s", firstGaps, secondGaps)
          .isGreaterThan(mean1 * 1.4);
      long spread = firstGaps.stream().mapToLong(Long::longValue).max().orElseThrow()
          - firstGaps.stream().mapToLong(Long::longValue).min().orElseThrow();
      assertThat(spread).as("jitter spreads the delays: %s", firstGaps).isGreaterThan(5L);
    }
  }

  @Test
  void stopsRetryingWhenTheRetryBudgetIsSpent() {
    try (TestUpstream up = TestUpstream.start(r -> r.response().setStatusCode(503).end());
        GatewayHarness gateway = GatewayHarness.start(config(FAST,
            "retryBudget:\n  ratio: 0\n  minRetriesPerSecond: 1\n  window: 1s\n", "", up.address()))) {
      assertThat(gateway.get("/api/items").statusCode()).isEqualTo(503);
      assertThat(gateway.get("/api/items").statusCode()).isEqualTo(503);

      // Unbounded, two requests with 3 retries each would make 8 attempts; the budget allows one
      // retry a second.
      assertThat(up.requestCount()).isBetween(3, 5);
      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_upstream_retry_budget_exhausted_total",
          "cluster", "svc")).isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void stopsRetryingWhenTheBackoffWouldPassTheDeadline() {
    try (TestUpstream up = TestUpstream.start(r -> r.response().setStatusCode(r.path().equals("/api/warm") ? 200 : 503).end());
        GatewayHarness gateway = GatewayHarness.start(config("retries: 5\nbackoff: 600ms\nmaxBackoff: 5s\njitter: 0\n",
            "", "deadline: 1500ms\n", up.address()))) {
      gateway.get("/api/warm");
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/items");
      long ms = (System.nanoTime() - start) / 1_000_000;

      // Attempt, 600 ms, attempt; the next 1.2 s backoff would end past the 1.5 s deadline.
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(up.requestCount()).isEqualTo(1 + 2);
      assertThat(ms).isBetween(550L, 1_200L);
      TestUpstream.await(java.time.Duration.ofSeconds(3), () -> accessLogHas(gateway, "no-retry deadline"),
          "the passport to note the deadline");
    }
  }

  private static boolean accessLogHas(GatewayHarness gateway, String text) {
    try {
      return Files.exists(gateway.accessLog()) && Files.readString(gateway.accessLog()).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
