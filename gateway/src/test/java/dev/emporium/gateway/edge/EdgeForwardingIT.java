package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.AccessLogs;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarding headers: set from the real peer; a client's own taken, and extended, only when the
 * peer is a configured trusted proxy. The tests' client connects from 127.0.0.1, which one
 * gateway trusts and the other does not.
 */
class EdgeForwardingIT {

  static TestUpstream upstream;
  static GatewayHarness trusting;
  static GatewayHarness untrusting;

  private static final String CONFIG = """
      server:
        eventLoops: 1
        watchConfig: false
        trustedProxies: [%s]
      routes:
        - name: all
          match:
            path: /**
          cluster: backend
      clusters:
        - name: backend
          endpoints:
            - address: %s
      """;

  @BeforeAll
  static void start() {
    upstream = TestUpstream.echo();
    trusting = GatewayHarness.start(CONFIG.formatted("127.0.0.1/32, \"10.0.0.0/8\"", upstream.address()));
    untrusting = GatewayHarness.start(CONFIG.formatted("\"10.0.0.0/8\"", upstream.address()));
  }

  @AfterAll
  static void stop() {
    trusting.close();
    untrusting.close();
    upstream.close();
  }

  @BeforeEach
  void forget() {
    upstream.drain();
  }

  @Test
  void extendsTheForwardingChainOfATrustedProxy() {
    trusting.get("/t", "X-Forwarded-For", "198.51.100.9, 10.0.0.2", "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "shop.example", "X-Forwarded-Port", "443", "Forwarded", "for=198.51.100.9;proto=https");
    RecordedRequest received = upstream.take();
    assertThat(received.header("X-Forwarded-For")).isEqualTo("198.51.100.9, 10.0.0.2, 127.0.0.1");
    assertThat(received.header("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(received.header("X-Forwarded-Host")).isEqualTo("shop.example");
    assertThat(received.header("X-Forwarded-Port")).isEqualTo("443");
    assertThat(received.header("Forwarded")).startsWith("for=198.51.100.9;proto=https, for=127.0.0.1;proto=http;host=");
  }

  @Test
  void joinsEveryForwardedForLineOfATrustedProxy() {
    RawExchange.send(trusting.port(), "GET /lines HTTP/1.1\nHost: x\nX-Forwarded-For: 6.6.6.6\n"
        + "X-Forwarded-For: 198.51.100.9\nConnection: close\n\n", 3_000);
    assertThat(upstream.take().header("X-Forwarded-For")).isEqualTo("6.6.6.6, 198.51.100.9, 127.0.0.1");
  }

  @Test
  void replacesTheForwardingHeadersOfAnUntrustedPeer() {
    untrusting.get("/u", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil",
        "X-Forwarded-Port", "1", "Forwarded", "for=6.6.6.6", "X-Real-IP", "6.6.6.6");
    RecordedRequest received = upstream.take();
    assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(received.header("X-Forwarded-Host")).isEqualTo("127.0.0.1");
    assertThat(received.header("X-Forwarded-Port")).isEqualTo(Integer.toString(untrusting.port()));
    assertThat(received.header("Forwarded")).isEqualTo("for=127.0.0.1;proto=http;host=\"127.0.0.1:" + untrusting.port() + "\"");
    assertThat(received.header("X-Real-IP")).isNull();
  }

  @Test
  void resolvesTheClientAsTheRightMostUntrustedHop() {
    String id = "fwd-" + System.nanoTime();
    trusting.get("/who", "X-Request-Id", id, "X-Forwarded-For", "6.6.6.6, 198.51.100.9, 10.0.0.7");
    assertThat(AccessLogs.line(trusting, id).getString("client")).isEqualTo("198.51.100.9");
  }

  @Test
  void resolvesTheClientAsThePeerWhenThePeerIsNotTrusted() {
    String id = "fwd-" + System.nanoTime();
    untrusting.get("/who", "X-Request-Id", id, "X-Forwarded-For", "198.51.100.9");
    assertThat(AccessLogs.line(untrusting, id).getString("client")).isEqualTo("127.0.0.1");
  }

  @Test
  void generatesARequestIdWhenTheClientSendsNoneOrABadOne() {
    String generated = untrusting.get("/id").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(generated).matches("[0-9a-f]{32}");
    assertThat(upstream.take().header("X-Request-Id")).isEqualTo(generated);
    String replaced = untrusting.get("/id", "X-Request-Id", "bad id;<x>").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(replaced).matches("[0-9a-f]{32}");
  }

  @Test
  void stripsHopByHopHeadersFromTheResponse() {
    upstream.behave(request -> request.response()
        .putHeader("Connection", "X-Upstream-Hop")
        .putHeader("X-Upstream-Hop", "secret")
        .putHeader("Keep-Alive", "timeout=99")
        .putHeader("Proxy-Authenticate", "Basic")
        .putHeader("Trailer", "X-Checksum")
        .putHeader("X-End-To-End", "kept")
        .end("ok"));
    try {
      java.net.http.HttpResponse<String> response = untrusting.get("/hop");
      assertThat(response.body()).isEqualTo("ok");
      assertThat(response.headers().firstValue("X-Upstream-Hop")).isEmpty();
      assertThat(response.headers().firstValue("Keep-Alive")).isEmpty();
      assertThat(response.headers().firstValue("Proxy-Authenticate")).isEmpty();
      assertThat(response.headers().firstValue("Trailer")).isEmpty();
      assertThat(response.headers().firstValue("X-End-To-End")).contains("kept");
    } finally {
      upstream.behave(TestUpstream::echo);
    }
  }

  @Test
  void quotesAnIpv6PeerInForwarded() throws Exception {
    GatewayHarness v6 = GatewayHarness.start("""
        listeners:
          - name: public
            host: "::1"
            port: 0
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
    try {
      v6.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://[::1]:" + v6.port() + "/v6")).GET());
      RecordedRequest received = upstream.take();
      assertThat(received.header("X-Forwarded-For")).isEqualTo("0:0:0:0:0:0:0:1");
      assertThat(received.header("Forwarded")).startsWith("for=\"[0:0:0:0:0:0:0:1]\";proto=http;host=\"[::1]:");
    } finally {
      v6.close();
    }
  }
}
