package dev.emporium.gateway.policy.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.RawHttp;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traffic mirroring against real servers: the shadow gets copies (all, or the configured share),
 * and whatever the shadow does, hang or fail, the client sees the same answer just as fast.
 */
class MirrorIT {

  private TestUpstream primary;
  private TestUpstream shadow;
  /** Bodies the shadow received, in order. */
  private final BlockingQueue<String> shadowBodies = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> primaryBodies = new LinkedBlockingQueue<>();

  @BeforeEach
  void startUpstreams() {
    primary = TestUpstream.start(request -> request.body().onSuccess(body -> {
      primaryBodies.add(body.toString());
      request.response().putHeader("Content-Type", "text/plain").end("primary:" + request.path());
    }));
    shadow = TestUpstream.start(request -> request.body().onSuccess(body -> {
      shadowBodies.add(body.toString());
      request.response().setStatusCode(500).end("the shadow's answer is never seen");
    }));
  }

  @AfterEach
  void stopUpstreams() {
    primary.close();
    shadow.close();
  }

  private String config(String mirrorSettings, String shadowAddress) {
    return """
        routes:
          - name: orders
            match:
              path: /api/orders/**
            cluster: orders
            policies:
              - mirror: {cluster: orders-shadow, %s}
        clusters:
          - name: orders
            endpoints:
              - address: %s
          - name: orders-shadow
            endpoints:
              - address: %s
            circuitBreaker:
              enabled: false
            outlierDetection:
              enabled: false
        """.formatted(mirrorSettings, primary.address(), shadowAddress);
  }

  private static double mirrorCount(GatewayHarness gateway, String result) {
    double value = Metrics.value(Metrics.scrape(gateway), "gateway_mirror_requests_total",
        "route", "orders", "cluster", "orders-shadow", "result", result);
    return Double.isNaN(value) ? 0 : value;
  }

  private static HttpResponse<String> post(GatewayHarness gateway, String path, HttpRequest.BodyPublisher body) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).POST(body),
        "Content-Type", "application/json", "X-Request-Id", "req-mirror-1");
  }

  @Test
  void theShadowGetsACopyOfEachRequestWithItsBody() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.start(config("timeout: 2s", shadow.address()))) {
      HttpResponse<String> response = post(gateway, "/api/orders/o-1?expand=lines",
          HttpRequest.BodyPublishers.ofString("{\"sku\":\"p-1\",\"quantity\":2}"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("primary:/api/orders/o-1");
      RecordedRequest copy = shadow.take();
      assertThat(copy.method()).isEqualTo("POST");
      assertThat(copy.uri()).isEqualTo("/api/orders/o-1?expand=lines");
      assertThat(copy.header("Content-Type")).isEqualTo("application/json");
      assertThat(copy.header("X-Request-Id")).isEqualTo("req-mirror-1");
      assertThat(copy.header("X-Mirrored-From")).isEqualTo("orders");
      assertThat(copy.header("traceparent")).isNotNull().isNotEqualTo(primary.take().header("traceparent"));
      assertThat(shadowBodies.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"sku\":\"p-1\",\"quantity\":2}");
      assertThat(primaryBodies.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"sku\":\"p-1\",\"quantity\":2}");

      // A chunked body (no Content-Length) is copied too, as it streams to the real upstream.
      byte[] chunked = "{\"sku\":\"p-2\"}".getBytes();
      assertThat(post(gateway, "/api/orders", HttpRequest.BodyPublishers.ofInputStream(
          () -> new ByteArrayInputStream(chunked))).statusCode()).isEqualTo(200);
      assertThat(shadowBodies.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"sku\":\"p-2\"}");

      assertThat(gateway.get("/api/orders/o-2").statusCode()).isEqualTo(200);
      assertThat(shadowBodies.poll(5, TimeUnit.SECONDS)).isEmpty();
      TestUpstream.await(Duration.ofSeconds(5), () -> mirrorCount(gateway, "mirrored") == 3,
          "three copies counted as mirrored (a 500 from the shadow is still an answer)");
    }
  }

  @Test
  void onlyTheConfiguredShareIsMirrored() {
    int requests = 300;
    try (GatewayHarness gateway = GatewayHarness.start(config("share: 0.3", shadow.address()))) {
      for (int i = 0; i < requests; i++) {
        assertThat(gateway.get("/api/orders/o-" + i).statusCode()).isEqualTo(200);
      }
      TestUpstream.await(Duration.ofSeconds(5), () -> mirrorCount(gateway, "mirrored") == shadow.requestCount(),
          "every copy sent to be answered");
      // Expected 90, standard deviation about 8: 60 to 120 is nearly four of them either way.
      assertThat(shadow.requestCount()).isBetween(60, 120);
      assertThat(primary.requestCount()).isEqualTo(requests);
    }
  }

  @Test
  void aHangingShadowNeverSlowsTheClient() {
    shadow.behave(request -> {
      Vertx vertx = Vertx.currentContext().owner();
      vertx.setTimer(2_000, id -> {
        if (!request.response().closed()) request.response().end("late");
      });
    });
    try (GatewayHarness gateway = GatewayHarness.start(config("timeout: 3s", shadow.address()))) {
      gateway.get("/api/orders/warm-up");
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = gateway.get("/api/orders/o-" + i);
        latencies.add((System.nanoTime() - start) / 1_000_000);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("primary:/api/orders/o-" + i);
      }
      // A client that waited for its copy would take 2 s; the bound leaves room for a loaded machine.
      assertThat(latencies).as("client latencies in ms while every copy waits 2 s").allMatch(ms -> ms < 500);
      TestUpstream.await(Duration.ofSeconds(5), () -> shadow.requestCount() == 21, "every copy to reach the shadow");
      TestUpstream.await(Duration.ofSeconds(6), () -> mirrorCount(gateway, "mirrored") == 21,
          "the late answers to come in and be discarded");
    }
  }

  @Test
  void anUnreachableShadowNeverFailsTheClient() {
    try (GatewayHarness gateway = GatewayHarness.start(config("timeout: 1s", "127.0.0.1:" + closedPort()))) {
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = post(gateway, "/api/orders", HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
      }
      TestUpstream.await(Duration.ofSeconds(5), () -> mirrorCount(gateway, "failed") == 5, "five failed copies counted");
      assertThat(mirrorCount(gateway, "mirrored")).isZero();
    }
  }

  @Test
  void copiesOverTheConcurrencyCapAreDroppedAndCounted() {
    shadow.behave(request -> { });
    try (GatewayHarness gateway = GatewayHarness.start(config("maxConcurrent: 2, timeout: 5s", shadow.address()))) {
      for (int i = 0; i < 10; i++) {
        long start = System.nanoTime();
        assertThat(gateway.get("/api/orders/o-" + i).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
      }
      assertThat(mirrorCount(gateway, "dropped")).isEqualTo(8);
      TestUpstream.await(Duration.ofSeconds(3), () -> shadow.requestCount() == 2, "the two admitted copies");
      assertThat(primary.requestCount()).isEqualTo(10);
    }
  }

  @Test
  void bodiesOverTheLimitAreNotMirroredButReachTheUpstreamWhole() throws Exception {
    String large = "x".repeat(100);
    try (GatewayHarness gateway = GatewayHarness.start(config("maxBodySize: 16B", shadow.address()))) {
      assertThat(post(gateway, "/api/orders", HttpRequest.BodyPublishers.ofString(large)).statusCode()).isEqualTo(200);
      assertThat(primaryBodies.poll(5, TimeUnit.SECONDS)).isEqualTo(large);
      byte[] chunked = large.getBytes();
      assertThat(post(gateway, "/api/orders", HttpRequest.BodyPublishers.ofInputStream(
          () -> new ByteArrayInputStream(chunked))).statusCode()).isEqualTo(200);
      assertThat(primaryBodies.poll(5, TimeUnit.SECONDS)).isEqualTo(large);
      assertThat(post(gateway, "/api/orders", HttpRequest.BodyPublishers.ofString("{\"small\":1}")).statusCode())
          .isEqualTo(200);

      assertThat(shadowBodies.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"small\":1}");
      assertThat(shadow.requestCount()).isEqualTo(1);
      assertThat(mirrorCount(gateway, "dropped")).isEqualTo(2);
    }
  }

  @Test
  void theClientsBodyStreamsUpstreamWithoutWaitingForTheCopy() throws Exception {
    BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
    primary.behave(request -> {
      request.handler(chunk -> chunks.add(chunk.toString()));
      request.endHandler(v -> request.response().end("done"));
    });
    try (GatewayHarness gateway = GatewayHarness.start(config("maxBodySize: 1KiB", shadow.address()));
        RawHttp client = new RawHttp(gateway.port())) {
      client.send(RawHttp.crlf("""
          POST /api/orders HTTP/1.1
          Host: shop.test
          Transfer-Encoding: chunked
          Connection: close

          6
          first-
          """));
      assertThat(chunks.poll(2, TimeUnit.SECONDS)).as("the first chunk upstream while the client still sends")
          .isEqualTo("first-");
      assertThat(shadow.requestCount()).as("the copy waits for the whole body").isZero();
      client.send(RawHttp.crlf("""
          4
          last
          0

          """));
      assertThat(client.readUntilClosed()).startsWith("HTTP/1.1 200");
      assertThat(shadowBodies.poll(5, TimeUnit.SECONDS)).isEqualTo("first-last");
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
