package dev.emporium.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-cluster circuit breaker: opens on failures, refuses fast, probes, closes. */
class CircuitBreakerIT {

  private static final String CONFIG = """
      routes:
        - name: api
          match:
            path: /api/**
          cluster: svc
      clusters:
        - name: svc
          endpoints:
            - address: %s
          retry:
            retries: 0
          outlierDetection:
            enabled: false
          circuitBreaker:
            failureRateThreshold: 50
            slidingWindowSize: 10
            openDuration: %s
            halfOpenCalls: 3
      """;

  /** An upstream that answers 500 while {@code failing}, else 200 at once. */
  private static TestUpstream switchable(AtomicBoolean failing) {
    return switchable(failing, new AtomicReference<>(CompletableFuture.completedFuture(null)));
  }

  /** The same, its 200s sent only once the future in {@code gate} completes. */
  private static TestUpstream switchable(AtomicBoolean failing, AtomicReference<CompletableFuture<Void>> gate) {
    return TestUpstream.start(request -> {
      if (failing.get()) {
        request.response().setStatusCode(500).end("broken");
        return;
      }
      CompletableFuture<Void> open = gate.get();
      if (open.isDone()) {
        request.response().end("fine");
        return;
      }
      Context context = Vertx.currentContext();
      request.response().setChunked(true).write("");
      open.thenRun(() -> context.runOnContext(v -> request.response().end("fine")));
    });
  }

  private static String breakerState(GatewayHarness gateway) {
    JsonArray clusters = new JsonArray(gateway.admin("GET", "/admin/clusters", true).body());
    return clusters.getJsonObject(0).getJsonObject("circuitBreaker").getString("state");
  }

  /** Five failures among ten calls: 50 %, the threshold. */
  private static void failHalfOfTenCalls(GatewayHarness gateway, AtomicBoolean failing) {
    for (int i = 0; i < 10; i++) {
      failing.set(i % 2 == 0);
      gateway.get("/api/x");
    }
    failing.set(false);
  }

  @Test
  void opensAtHalfOfTenCallsFailingAndThenRefusesWithoutTouchingTheUpstream() {
    AtomicBoolean failing = new AtomicBoolean();
    try (TestUpstream up = switchable(failing);
        GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address(), "30s"))) {
      for (int i = 0; i < 9; i++) {
        failing.set(i % 2 == 0);
        gateway.get("/api/x");
      }
      assertThat(breakerState(gateway)).isEqualTo("CLOSED");
      failing.set(false);
      gateway.get("/api/x");
      assertThat(breakerState(gateway)).isEqualTo("OPEN");

      long start = System.nanoTime();
      HttpResponse<String> refused = gateway.get("/api/x");
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(Problems.type(refused)).isEqualTo("circuit-open");
      assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
          v -> assertThat(Long.parseLong(v)).isBetween(25L, 30L));
      assertThat(ms).isLessThan(200L);
      assertThat(up.requestCount()).isEqualTo(10);

      String scrape = Metrics.scrape(gateway);
      assertThat(Metrics.value(scrape, "gateway_circuit_breaker_state", "cluster", "svc", "state", "open"))
          .isEqualTo(1.0);
      assertThat(Metrics.value(scrape, "gateway_circuit_breaker_state", "cluster", "svc", "state", "closed"))
          .isEqualTo(0.0);
    }
  }

  @Test
  void retryAfterCountsDownToTheEndOfTheOpenPeriod() throws Exception {
    AtomicBoolean failing = new AtomicBoolean();
    try (TestUpstream up = switchable(failing);
        GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address(), "4s"))) {
      failHalfOfTenCalls(gateway, failing);
      assertThat(gateway.get("/api/x").headers().firstValue("Retry-After")).contains("4");
      Thread.sleep(2_200);
      assertThat(gateway.get("/api/x").headers().firstValue("Retry-After")).contains("2");
    }
  }

  @Test
  void afterTheOpenPeriodLetsThreeProbesThroughAndClosesWhenTheySucceed() throws Exception {
    AtomicBoolean failing = new AtomicBoolean();
    try (TestUpstream up = switchable(failing);
        GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address(), "500ms"))) {
      failHalfOfTenCalls(gateway, failing);
      assertThat(breakerState(gateway)).isEqualTo("OPEN");
      Thread.sleep(700);

      assertThat(gateway.get("/api/x").statusCode()).isEqualTo(200);
      assertThat(breakerState(gateway)).isEqualTo("HALF_OPEN");
      assertThat(gateway.get("/api/x").statusCode()).isEqualTo(200);
      assertThat(gateway.get("/api/x").statusCode()).isEqualTo(200);

      assertThat(breakerState(gateway)).isEqualTo("CLOSED");
      assertThat(up.requestCount()).isEqualTo(13);
    }
  }

  @Test
  void halfOpenAdmitsOnlyThreeProbesAtOnce() throws Exception {
    AtomicBoolean failing = new AtomicBoolean();
    AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>(CompletableFuture.completedFuture(null));
    CompletableFuture<Void> probesMayEnd = new CompletableFuture<>();
    try (TestUpstream up = switchable(failing, gate);
        GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address(), "500ms"))) {
      failHalfOfTenCalls(gateway, failing);
      Thread.sleep(700);
      int before = up.requestCount();
      gate.set(probesMayEnd);

      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(gateway.client().sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/x"))).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      // The upstream holds the probes, so whichever two calls come last find three in flight.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (calls.stream().filter(CompletableFuture::isDone).count() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(calls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
          .map(HttpResponse::statusCode).toList()).containsExactly(503, 503);
      probesMayEnd.complete(null);
      List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

      assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
      assertThat(statuses).filteredOn(s -> s == 503).hasSize(2);
      assertThat(up.requestCount() - before).isEqualTo(3);
    }
  }

  @Test
  void failingProbesOpenItAgain() throws Exception {
    AtomicBoolean failing = new AtomicBoolean();
    try (TestUpstream up = switchable(failing);
        GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address(), "500ms"))) {
      failHalfOfTenCalls(gateway, failing);
      Thread.sleep(700);
      failing.set(true);
      for (int i = 0; i < 3; i++) assertThat(gateway.get("/api/x").statusCode()).isEqualTo(500);

      assertThat(breakerState(gateway)).isEqualTo("OPEN");
      assertThat(Problems.type(gateway.get("/api/x"))).isEqualTo("circuit-open");
    }
  }

  @Test
  void adminShowsTheBreakerOfEachCluster() {
    AtomicBoolean failing = new AtomicBoolean();
    try (TestUpstream up = switchable(failing);
        GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address(), "30s"))) {
      failHalfOfTenCalls(gateway, failing);
      JsonObject breaker = new JsonArray(gateway.admin("GET", "/admin/clusters", true).body())
          .getJsonObject(0).getJsonObject("circuitBreaker");

      assertThat(breaker.getString("state")).isEqualTo("OPEN");
      assertThat(breaker.getDouble("failureRate")).isEqualTo(50.0);
      assertThat(breaker.getInteger("bufferedCalls")).isEqualTo(10);
    }
  }
}
