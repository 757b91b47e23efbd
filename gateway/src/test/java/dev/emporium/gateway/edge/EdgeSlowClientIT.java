package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.RawHttp;
import dev.emporium.gateway.testing.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The header read timeout against slowloris, and what it must leave alone. */
class EdgeSlowClientIT {

  static TestUpstream upstream;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = TestUpstream.start(request -> {
      long delay = request.path().startsWith("/slow") ? 900 : 1;
      upstream.vertx().setTimer(delay, id -> request.response().end("ok " + request.path()));
    });
    gateway = GatewayHarness.start("""
        limits:
          headerReadTimeout: 500ms
          idleTimeout: 20s
        routes:
          - name: all
            match:
              path: /**
            cluster: backend
        clusters:
          - name: backend
            endpoints:
              - address: %s
        """.formatted(upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  /** Sends a head line by line, {@code pauseMs} apart; false when the gateway closed the connection first. */
  private static boolean trickle(RawHttp raw, String head, int pauseMs) throws InterruptedException {
    for (String line : RawHttp.crlf(head).split("(?<=\r\n)")) {
      try {
        raw.send(line);
      } catch (RuntimeException closed) {
        return false;
      }
      Thread.sleep(pauseMs);
    }
    return true;
  }

  @Test
  void closesAConnectionWhoseFirstHeadTricklesPastTheTimeout() throws Exception {
    int before = upstream.requestCount();
    try (RawHttp raw = new RawHttp(gateway.port())) {
      long start = System.nanoTime();
      trickle(raw, "GET /a HTTP/1.1\nHost: x\nX-1: 1\nX-2: 2\nX-3: 3\nX-4: 4\nX-5: 5\nX-6: 6\n", 150);
      assertThat(raw.closedWithin(2_000)).as("the gateway closed the trickling connection").isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }
    assertThat(upstream.requestCount()).isEqualTo(before);
  }

  @Test
  void closesAKeepAliveConnectionWhoseSecondHeadTrickles() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.send(RawHttp.crlf("GET /first HTTP/1.1\nHost: x\n\n"));
      raw.socket().setSoTimeout(3_000);
      byte[] buf = new byte[4096];
      int n = raw.socket().getInputStream().read(buf);
      assertThat(new String(buf, 0, n)).startsWith("HTTP/1.1 200").endsWith("ok /first");
      trickle(raw, "GET /second HTTP/1.1\nHost: x\nX-1: 1\nX-2: 2\nX-3: 3\nX-4: 4\nX-5: 5\n", 150);
      assertThat(raw.closedWithin(2_000)).isTrue();
    }
  }

  @Test
  void closesAKeepAliveConnectionWhoseNextRequestLineTricklesByteByByte() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.send(RawHttp.crlf("GET /first HTTP/1.1\nHost: x\n\n"));
      raw.socket().setSoTimeout(3_000);
      byte[] buf = new byte[4096];
      int n = raw.socket().getInputStream().read(buf);
      assertThat(new String(buf, 0, n)).endsWith("ok /first");
      boolean stillOpen = true;
      for (char c : "GET /a-request-line-that-never-ends".toCharArray()) {
        try {
          raw.send(String.valueOf(c));
        } catch (RuntimeException closed) {
          stillOpen = false;
          break;
        }
        Thread.sleep(60);
      }
      assertThat(!stillOpen || raw.closedWithin(2_000)).as("the gateway closed the connection").isTrue();
    }
  }

  @Test
  void leavesAnIdleKeepAliveConnectionToTheIdleTimeout() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      for (int i = 0; i < 3; i++) {
        raw.send(RawHttp.crlf("GET /k" + i + " HTTP/1.1\nHost: x\n\n"));
        raw.socket().setSoTimeout(3_000);
        byte[] buf = new byte[4096];
        int n = raw.socket().getInputStream().read(buf);
        assertThat(new String(buf, 0, n)).startsWith("HTTP/1.1 200").endsWith("ok /k" + i);
        // Longer than the header read timeout, well within the idle timeout.
        Thread.sleep(800);
      }
    }
  }

  @Test
  void neverCountsASlowUpstreamAgainstTheClient() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      raw.send(RawHttp.crlf("GET /slow1 HTTP/1.1\nHost: x\n\nGET /slow2 HTTP/1.1\nHost: x\nConnection: close\n\n"));
      RawExchange both = RawExchange.read(raw, 5_000);
      assertThat(both.text()).contains("ok /slow1").contains("ok /slow2");
    }
  }

  @Test
  void givesAHeadSentInPiecesWithinTheTimeoutItsAnswer() throws Exception {
    try (RawHttp raw = new RawHttp(gateway.port())) {
      assertThat(trickle(raw, "GET /pieces HTTP/1.1\nHost: x\nConnection: close\n\n", 50)).isTrue();
      RawExchange response = RawExchange.read(raw, 3_000);
      assertThat(response.status()).isEqualTo(200);
    }
  }
}
