package dev.emporium.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A route's fixed fallback response, in place of the gateway's own 502, 503 or 504. */
class FallbackIT {

  private static String config(String endpoint, String on) {
    return """
        routes:
          - name: recommendations
            match:
              path: /api/recommendations
            cluster: svc
            fallback:
              status: 200
              contentType: application/json
              body: '{"items":[]}'
        %s
          - name: plain
            match:
              path: /api/plain
            cluster: svc
        clusters:
          - name: svc
            endpoints:
              - address: %s
            timeouts:
              request: 300ms
            retry:
              retries: 0
            outlierDetection:
              enabled: false
            circuitBreaker:
              slidingWindowSize: 1
              minimumCalls: 1
              failureRateThreshold: 100
              openDuration: 30s
        """.formatted(on.isEmpty() ? "" : "      on: [" + on + "]\n", endpoint);
  }

  private static void assertFallback(HttpResponse<String> response, String replacing) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"items\":[]}");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("X-Fallback")).contains(replacing);
  }

  @Test
  void replacesBadGatewayWhenTheUpstreamCannotBeReached() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.start(config("127.0.0.1:" + TimeoutsIT.closedPort(), ""))) {
      assertFallback(gateway.get("/api/recommendations"), "upstream-unreachable");
      TestUpstream.await(Duration.ofSeconds(3), () -> logContains(gateway, "\"fallback\":\"true\""),
          "the access log to record the fallback");
    }
  }

  @Test
  void replacesUnavailableWhenTheBreakerIsOpen() {
    try (GatewayHarness gateway = GatewayHarness.start(config("127.0.0.1:" + TimeoutsIT.closedPort(), ""))) {
      assertThat(gateway.get("/api/plain").statusCode()).isEqualTo(502);
      assertThat(Problems.type(gateway.get("/api/plain"))).isEqualTo("circuit-open");

      assertFallback(gateway.get("/api/recommendations"), "circuit-open");
    }
  }

  @Test
  void replacesOnlyTheFailuresItIsConfiguredFor() {
    try (TestUpstream silent = TestUpstream.start(request -> { });
        GatewayHarness down = GatewayHarness.start(config("127.0.0.1:" + TimeoutsIT.closedPort(), "timeout"));
        GatewayHarness slow = GatewayHarness.start(config(silent.address(), "timeout"))) {
      HttpResponse<String> unreachable = down.get("/api/recommendations");
      assertThat(unreachable.statusCode()).isEqualTo(502);
      assertThat(Problems.type(unreachable)).isEqualTo("upstream-unreachable");

      assertFallback(slow.get("/api/recommendations"), "upstream-timeout");
    }
  }

  @Test
  void neverReplacesAnAnswerTheUpstreamGave() {
    try (TestUpstream up = TestUpstream.fixed(503, "{\"busy\":true}");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), ""))) {
      HttpResponse<String> response = gateway.get("/api/recommendations");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("{\"busy\":true}");
      assertThat(response.headers().firstValue("X-Fallback")).isEmpty();
    }
  }

  @Test
  void routesWithoutFallbackStillGetTheProblem() {
    try (GatewayHarness gateway = GatewayHarness.start(config("127.0.0.1:" + TimeoutsIT.closedPort(), ""))) {
      HttpResponse<String> response = gateway.get("/api/plain");
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(new JsonObject(response.body()).getInteger("status")).isEqualTo(502);
    }
  }

  private static boolean logContains(GatewayHarness gateway, String text) {
    try {
      return Files.exists(gateway.accessLog()) && Files.readString(gateway.accessLog()).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
