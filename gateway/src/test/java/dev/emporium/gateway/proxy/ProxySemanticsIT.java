package dev.emporium.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a request looks like on each side of the gateway. */
class ProxySemanticsIT {

  static TestUpstream upstream;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = TestUpstream.echo();
    gateway = GatewayHarness.start("""
        routes:
          - name: orders
            match:
              path: /api/orders/{id}
            cluster: orders
            rewrite: /orders/{id}
          - name: catalogue
            match:
              path: /api/catalogue/**
            cluster: orders
            stripPrefix: /api
        clusters:
          - name: orders
            endpoints:
              - address: %s
        """.formatted(upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @Test
  void forwardsRewrittenPathAndQueryUntouched() {
    HttpResponse<String> response = gateway.get("/api/orders/42?expand=items&x=%20y");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject echoed = new JsonObject(response.body());
    assertThat(echoed.getString("uri")).isEqualTo("/orders/42?expand=items&x=%20y");
  }

  @Test
  void stripsPrefixAndSendsNormalizedPath() {
    HttpResponse<String> response = gateway.get("/api//catalogue/./%62ooks/../shelf");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("path")).isEqualTo("/catalogue/shelf");
  }

  @Test
  void setsForwardingHeadersFromTheRealPeerAndIgnoresSpoofedOnes() {
    upstream.drain();
    gateway.get("/api/orders/1", "X-Forwarded-For", "6.6.6.6", "Forwarded", "for=6.6.6.6", "X-Real-IP", "6.6.6.6");
    RecordedRequest received = upstream.take();
    assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(received.header("Forwarded")).startsWith("for=127.0.0.1;proto=http");
    assertThat(received.header("X-Real-IP")).isNull();
    assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
  }

  @Test
  void generatesRequestIdAndKeepsASaneOneFromTheClient() {
    upstream.drain();
    HttpResponse<String> generated = gateway.get("/api/orders/1");
    String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(upstream.take().header("X-Request-Id")).isEqualTo(id);
    HttpResponse<String> kept = gateway.get("/api/orders/1", "X-Request-Id", "client-chosen-1");
    assertThat(kept.headers().firstValue("X-Request-Id")).contains("client-chosen-1");
  }

  @Test
  void stripsHopByHopHeadersIncludingThoseNamedInConnection() {
    upstream.drain();
    gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/orders/1"))).GET(),
        "Connection", "keep-alive, X-Secret-Hop", "X-Secret-Hop", "1", "Keep-Alive", "timeout=5", "TE", "trailers",
        "X-End-To-End", "yes");
    RecordedRequest received = upstream.take();
    assertThat(received.header("X-Secret-Hop")).isNull();
    assertThat(received.header("Keep-Alive")).isNull();
    assertThat(received.header("TE")).isNull();
    assertThat(received.header("X-End-To-End")).isEqualTo("yes");
  }

  @Test
  void forwardsPostBody() {
    HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/orders/7")))
        .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}")), "Content-Type", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject echoed = new JsonObject(response.body());
    assertThat(echoed.getString("method")).isEqualTo("POST");
    assertThat(echoed.getString("body")).isEqualTo("{\"qty\":2}");
  }

  @Test
  void answersUnknownPathWithProblemJson() {
    HttpResponse<String> response = gateway.get("/nowhere");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(404);
    assertThat(problem.getString("requestId")).isNotBlank();
  }
}
