package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code introspection} policy against a real RFC 7662 endpoint started here: it authenticates
 * the gateway, answers per token, and counts how often each token is asked about.
 */
class IntrospectionIT {

  static final String CLIENT = "gateway";
  static final String SECRET = "s3cret:with%chars";

  static HttpServer server;
  static ExecutorService executor;
  static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  static volatile long shortExpiry;
  static TestUpstream upstream;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/introspect", exchange -> {
      String expected = "Basic " + Base64.getEncoder().encodeToString(
          (CLIENT + ":" + java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
          || !"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String token = null;
      for (String pair : form.split("&")) {
        if (pair.startsWith("token=")) token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
      calls.computeIfAbsent(String.valueOf(token), t -> new AtomicInteger()).incrementAndGet();
      long now = System.currentTimeMillis() / 1000;
      JsonObject answer = switch (String.valueOf(token)) {
        case "good-token" -> new JsonObject().put("active", true).put("sub", "carol").put("scope", "orders:read")
            .put("roles", java.util.List.of("customer")).put("exp", now + 300).put("aud", "api");
        case "service-token" -> new JsonObject().put("active", true).put("client_id", "billing").put("exp", now + 300)
            .put("aud", "api");
        case "short-token" -> new JsonObject().put("active", true).put("sub", "dave").put("exp", shortExpiry).put("aud", "api");
        case "other-audience" -> new JsonObject().put("active", true).put("sub", "erin").put("aud", "elsewhere");
        case "slow-token" -> {
          try {
            Thread.sleep(3_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          yield new JsonObject().put("active", true).put("sub", "slow");
        }
        default -> new JsonObject().put("active", false);
      };
      byte[] body = answer.encode().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
    upstream = TestUpstream.echo();
    gateway = GatewayHarness.start("""
        routes:
          - name: opaque
            match: {path: /opaque/**}
            cluster: app
            policies:
              - introspection:
                  endpoint: %1$s
                  clientId: %2$s
                  clientSecret: "%3$s"
                  timeout: 500ms
                  audiences: [api]
          - name: wrong-secret
            match: {path: /wrong-secret/**}
            cluster: app
            policies:
              - introspection:
                  endpoint: %1$s
                  clientId: %2$s
                  clientSecret: not-the-secret
        clusters:
          - name: app
            endpoints:
              - address: %4$s
        """.formatted(endpoint, CLIENT, SECRET, upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
    server.stop(0);
    executor.shutdownNow();
  }

  @BeforeEach
  void forget() {
    upstream.drain();
  }

  private static HttpResponse<String> get(String path, String token) {
    return gateway.get(path, "Authorization", "Bearer " + token);
  }

  private static int callsFor(String token) {
    AtomicInteger n = calls.get(token);
    return n == null ? 0 : n.get();
  }

  @Test
  void anActiveTokenIsIntrospectedOnceAndThenServedFromTheCache() {
    for (int i = 0; i < 4; i++) {
      assertThat(get("/opaque/x", "good-token").statusCode()).isEqualTo(200);
      RecordedRequest seen = upstream.take();
      assertThat(seen.header("X-User-Id")).isEqualTo("carol");
      assertThat(seen.header("X-Scopes")).isEqualTo("orders:read");
      assertThat(seen.header("X-User-Roles")).isEqualTo("customer");
    }
    assertThat(callsFor("good-token")).isEqualTo(1);
    assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_auth_token_cache_total", "route", "opaque",
        "policy", "introspection", "result", "hit")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aTokenWithoutSubjectIsItsClientsIdentity() {
    assertThat(get("/opaque/x", "service-token").statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertThat(seen.header("X-Consumer")).isEqualTo("billing");
    assertThat(seen.header("X-User-Id")).isNull();
  }

  @Test
  void anInactiveTokenIsRefusedWith401() {
    HttpResponse<String> response = get("/opaque/x", "revoked-token");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Problems.type(response)).isEqualTo("invalid-token");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Bearer realm=\"emporium\", error=\"invalid_token\", error_description=\"The token is not active\"");
    assertThat(response.body()).doesNotContain("revoked-token");
    assertThat(get("/opaque/x", "other-audience").statusCode()).isEqualTo(401);
    assertThat(gateway.get("/opaque/x").statusCode()).isEqualTo(401);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void theCacheNeverOutlivesTheTokensExpiry() throws InterruptedException {
    shortExpiry = System.currentTimeMillis() / 1000 + 3;
    assertThat(get("/opaque/x", "short-token").statusCode()).isEqualTo(200);
    assertThat(get("/opaque/x", "short-token").statusCode()).isEqualTo(200);
    assertThat(callsFor("short-token")).isEqualTo(1);
    Thread.sleep(Math.max(0, shortExpiry * 1000 - System.currentTimeMillis()) + 300);
    // Asked again: the server still says active but with exp in the past, which the gateway refuses.
    assertThat(get("/opaque/x", "short-token").statusCode()).isEqualTo(401);
    assertThat(callsFor("short-token")).isEqualTo(2);
  }

  @Test
  void aSlowOrRefusingEndpointGives503WithinTheTimeout() {
    long start = System.nanoTime();
    HttpResponse<String> slow = get("/opaque/x", "slow-token");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    assertThat(slow.statusCode()).isEqualTo(503);
    assertThat(Problems.type(slow)).isEqualTo("auth-unavailable");

    HttpResponse<String> refused = get("/wrong-secret/x", "good-token");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).doesNotContain("not-the-secret").doesNotContain("good-token");
    assertThat(upstream.drain()).isEmpty();
  }
}
