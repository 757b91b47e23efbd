package dev.emporium.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.testing.BlackHole;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RawHttp;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Connect, request and idle timeouts towards upstreams, and the route deadline over them all. */
class TimeoutsIT {

  /** One route to one cluster with short timeouts; ejection and breaker off so only timeouts act. */
  static String config(String endpoint, String clusterExtra, String routeExtra) {
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
              - address: %s
            timeouts:
              connect: 300ms
              request: 500ms
              idle: 500ms
            outlierDetection:
              enabled: false
            circuitBreaker:
              enabled: false
        %s
        """.formatted(routeExtra.indent(4), endpoint, clusterExtra.indent(4));
  }

  static final String NO_RETRIES = "retry:\n  retries: 0\n";

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void connectTimeoutToABlackHoleAnswers504WithinTheConnectTimeout() {
    try (BlackHole hole = new BlackHole();
        GatewayHarness gateway = GatewayHarness.start(config(hole.address(), NO_RETRIES, ""))) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/x");
      long ms = millisSince(start);

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(Problems.type(response)).isEqualTo("upstream-timeout");
      assertThat(Problems.detail(response)).contains("connect");
      assertThat(ms).isBetween(250L, 1_500L);
    }
  }

  @Test
  void refusedConnectionAnswers502AtOnce() {
    try (GatewayHarness gateway = GatewayHarness.start(config("127.0.0.1:" + closedPort(), NO_RETRIES, ""))) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/x");

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(Problems.type(response)).isEqualTo("upstream-unreachable");
      assertThat(millisSince(start)).isLessThan(250L);
    }
  }

  @Test
  void upstreamThatDelaysItsHeadGets504UpstreamTimeoutWithinTheRequestTimeout() {
    try (TestUpstream upstream = TestUpstream.start(request -> {
          // Never answers; the gateway must give up on its own.
        });
        GatewayHarness gateway = GatewayHarness.start(config(upstream.address(), NO_RETRIES, ""))) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/slow");
      long ms = millisSince(start);

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(Problems.type(response)).isEqualTo("upstream-timeout");
      assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(ms).isBetween(450L, 1_500L);
      assertThat(upstream.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void upstreamThatStallsMidBodyMakesTheClientConnectionFailNotEndCleanly() {
    try (TestUpstream upstream = TestUpstream.start(request -> request.response()
            .setChunked(true)
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
            .write("first part of the body, then silence"));
        GatewayHarness gateway = GatewayHarness.start(config(upstream.address(), NO_RETRIES, ""))) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> gateway.get("/api/stream")).isInstanceOf(UncheckedIOException.class);
      assertThat(millisSince(start)).isBetween(450L, 3_000L);
    }
  }

  @Test
  void upstreamThatStallsMidBodyResetsTheHttp2StreamAndSparesTheConnection() throws Exception {
    try (TestUpstream upstream = TestUpstream.start(request -> {
          if (request.path().endsWith("/stall")) {
            request.response().setChunked(true).write("first part of the body, then silence");
          } else {
            request.response().end("whole");
          }
        });
        GatewayHarness gateway = GatewayHarness.start(config(upstream.address(), NO_RETRIES, ""))) {
      java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_2).build();
      java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(gateway.url("/api/warm")));
      HttpResponse<String> warm = h2.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(warm.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);

      long start = System.nanoTime();
      assertThatThrownBy(() -> h2.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(gateway.url("/api/stall"))).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      assertThat(millisSince(start)).isBetween(450L, 3_000L);

      HttpResponse<String> after = h2.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(after.body()).isEqualTo("whole");
    }
  }

  @Test
  void upstreamThatStopsReadingAnUploadGets504AndTheClientConnectionCloses() throws Exception {
    try (TestUpstream upstream = TestUpstream.start(request -> request.pause());
        GatewayHarness gateway = GatewayHarness.start(config(upstream.address(), NO_RETRIES,
            "") + "limits:\n  maxBodySize: 0\n");
        RawHttp client = new RawHttp(gateway.port())) {
      long length = 256L << 20;
      client.send(RawHttp.crlf("POST /api/upload HTTP/1.1\nHost: x\nContent-Length: " + length + "\n\n"));
      Thread writer = Thread.ofPlatform().daemon().start(() -> {
        byte[] chunk = new byte[64 * 1024];
        try {
          for (long sent = 0; sent < length; sent += chunk.length) client.socket().getOutputStream().write(chunk);
        } catch (IOException closed) {
          // The gateway gave up and closed the connection: what this test expects.
        }
      });
      long start = System.nanoTime();
      client.socket().setSoTimeout(5_000);
      String response = client.readUntilClosed();

      assertThat(response).startsWith("HTTP/1.1 504");
      assertThat(response).contains("upstream-timeout").contains("stopped reading the request body");
      assertThat(millisSince(start)).isLessThan(4_000L);
      writer.join(5_000);
      assertThat(writer.isAlive()).as("the client's upload is cut off, not left hanging").isFalse();
    }
  }

  @Test
  void deadlineBoundsTheTotalTimeAcrossRetries() {
    String retries = """
        retry:
          retries: 5
          backoff: 50ms
          maxBackoff: 1s
          jitter: 0
          on: [timeout]
        """;
    try (TestUpstream upstream = TestUpstream.start(request -> { });
        GatewayHarness gateway = GatewayHarness.start(config(upstream.address(), retries, "deadline: 1s\n"))) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/slow");
      long ms = millisSince(start);

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(Problems.type(response)).isEqualTo("upstream-timeout");
      // 500 ms attempt, 50 ms backoff, 450 ms attempt cut by the deadline; no third attempt fits.
      assertThat(ms).isBetween(900L, 1_600L);
      assertThat(upstream.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void deadlineShorterThanTheRequestTimeoutCutsTheAttempt() {
    try (TestUpstream upstream = TestUpstream.start(request -> { });
        GatewayHarness gateway = GatewayHarness.start(config(upstream.address(), NO_RETRIES, "deadline: 200ms\n"))) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/slow");

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(Problems.detail(response)).contains("200 ms");
      assertThat(millisSince(start)).isBetween(150L, 450L);
    }
  }
}
