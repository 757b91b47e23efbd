package dev.emporium.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RawHttp;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The per-cluster cap on requests in flight: overload is answered at once, and permits come back. */
class BulkheadIT {

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
            enabled: false
          bulkhead:
            maxConcurrentRequests: 2
      """;

  /** Requests the upstream holds without answering, until the test releases them. */
  private final Queue<HttpServerRequest> held = new ConcurrentLinkedQueue<>();

  private TestUpstream holdingUpstream() {
    return TestUpstream.start(request -> {
      if (request.path().endsWith("/fast")) {
        request.response().end("fast");
      } else if (request.path().endsWith("/trickle")) {
        request.response().setChunked(true).write("some of the body");
        held.add(request);
      } else {
        held.add(request);
      }
    });
  }

  private static CompletableFuture<HttpResponse<String>> async(GatewayHarness gateway, String path) {
    return gateway.client().sendAsync(HttpRequest.newBuilder(URI.create(gateway.url(path))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double available(GatewayHarness gateway) {
    return Metrics.value(Metrics.scrape(gateway), "gateway_bulkhead_available", "cluster", "svc");
  }

  private void awaitHeld(int n) {
    TestUpstream.await(Duration.ofSeconds(5), () -> held.size() >= n, n + " requests at the upstream");
  }

  @Test
  void requestBeyondTheCapGets503OverloadedAtOnce() {
    try (TestUpstream up = holdingUpstream(); GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address()))) {
      List<CompletableFuture<HttpResponse<String>>> slow = List.of(async(gateway, "/api/slow"), async(gateway, "/api/slow"));
      awaitHeld(2);
      assertThat(available(gateway)).isEqualTo(0.0);

      long start = System.nanoTime();
      HttpResponse<String> refused = gateway.get("/api/fast");
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(Problems.type(refused)).isEqualTo("overloaded");
      assertThat(refused.headers().firstValue("Retry-After")).contains("1");
      assertThat(ms).isLessThan(500L);
      assertThat(up.requestCount()).isEqualTo(2);

      held.forEach(r -> r.response().end("done"));
      slow.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));
      TestUpstream.await(Duration.ofSeconds(5), () -> available(gateway) == 2.0, "both permits back");
      assertThat(gateway.get("/api/fast").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void clientsThatGiveUpWhileWaitingReturnTheirPermits() {
    try (TestUpstream up = holdingUpstream(); GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address()))) {
      RawHttp first = new RawHttp(gateway.port());
      RawHttp second = new RawHttp(gateway.port());
      first.send(RawHttp.crlf("GET /api/slow HTTP/1.1\nHost: x\n\n"));
      second.send(RawHttp.crlf("GET /api/slow HTTP/1.1\nHost: x\n\n"));
      awaitHeld(2);
      assertThat(gateway.get("/api/fast").statusCode()).isEqualTo(503);

      first.close();
      second.close();

      TestUpstream.await(Duration.ofSeconds(5), () -> available(gateway) == 2.0, "both permits back");
      assertThat(gateway.get("/api/fast").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void clientsThatGiveUpMidBodyReturnTheirPermits() {
    try (TestUpstream up = holdingUpstream(); GatewayHarness gateway = GatewayHarness.start(CONFIG.formatted(up.address()))) {
      RawHttp first = new RawHttp(gateway.port());
      RawHttp second = new RawHttp(gateway.port());
      first.send(RawHttp.crlf("GET /api/trickle HTTP/1.1\nHost: x\n\n"));
      second.send(RawHttp.crlf("GET /api/trickle HTTP/1.1\nHost: x\n\n"));
      awaitHeld(2);
      assertThat(first.closedWithin(300)).isFalse();
      assertThat(gateway.get("/api/fast").statusCode()).isEqualTo(503);

      first.close();
      second.close();

      TestUpstream.await(Duration.ofSeconds(5), () -> available(gateway) == 2.0, "both permits back");
      assertThat(gateway.get("/api/fast").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void fullConnectionPoolWithNoWaitingRoomAnswersOverloaded() {
    // One event loop, so that one pool (and its single connection) serves every request.
    String config = CONFIG.replace("maxConcurrentRequests: 2", "maxConcurrentRequests: 100")
        + "    pool:\n      maxConnections: 1\n      maxWaitQueue: 0\nserver:\n  eventLoops: 1\n  watchConfig: false\n";
    try (TestUpstream up = holdingUpstream();
        GatewayHarness gateway = GatewayHarness.start(config.formatted(up.address()))) {
      CompletableFuture<HttpResponse<String>> slow = async(gateway, "/api/slow");
      awaitHeld(1);

      HttpResponse<String> refused = gateway.get("/api/fast");

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(Problems.type(refused)).isEqualTo("overloaded");
      held.forEach(r -> r.response().end("done"));
      assertThat(slow.join().statusCode()).isEqualTo(200);
    }
  }
}
