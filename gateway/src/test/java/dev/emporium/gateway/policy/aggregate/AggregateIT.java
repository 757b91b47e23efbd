package dev.emporium.gateway.policy.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.RecordingSpanExporter;
import dev.emporium.gateway.testing.TestUpstream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregation routes against real upstream servers: the storefront home page of the spec (featured
 * products + recommendations, falling back to popular products + cart summary), parallel and
 * dependent parts, slow and failing parts, and what every part is sent.
 */
class AggregateIT {

  private TestUpstream catalog;
  private TestUpstream recommendations;
  private TestUpstream carts;

  @BeforeEach
  void startUpstreams() {
    catalog = TestUpstream.start(request -> {
      if (request.path().equals("/products/popular")) {
        json(request, 200, "{\"items\":[{\"id\":\"p-9\",\"name\":\"Popular kettle\"}]}");
      } else {
        json(request, 200, "{\"items\":[{\"id\":\"p-1\",\"name\":\"Featured lamp\"}],\"total\":1}");
      }
    });
    recommendations = TestUpstream.start(request -> json(request, 200, "[{\"id\":\"p-7\",\"score\":0.9}]"));
    carts = TestUpstream.start(request -> json(request, 200, "{\"userId\":\"u-42\",\"items\":3,\"total\":\"59.90\"}"));
  }

  @AfterEach
  void stopUpstreams() {
    catalog.close();
    recommendations.close();
    carts.close();
  }

  private static void json(HttpServerRequest request, int status, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  /** Answers after {@code delayMs}, as a slow service would. */
  private static Handler<HttpServerRequest> after(long delayMs, int status, String body) {
    return request -> {
      Vertx vertx = io.vertx.core.Vertx.currentContext().owner();
      vertx.setTimer(delayMs, id -> {
        if (!request.response().closed()) json(request, status, body);
      });
    };
  }

  /** The spec's storefront home page, with the given parts' timeouts. */
  private String storefront(String recommendationsTimeout) {
    return storefront(recommendationsTimeout, "1s");
  }

  private String storefront(String recommendationsTimeout, String cartTimeout) {
    return """
        routes:
          - name: storefront-home
            match:
              path: /api/storefront/home
              methods: [GET]
            policies:
              - test-identity: {user: u-42, roles: customer, scopes: "cart:read orders:read"}
              - aggregate:
                  parts:
                    featured:
                      cluster: catalog
                      path: /products?featured=true&limit={query.limit|8}
                      timeout: 1s
                      select: /items
                    recommendations:
                      cluster: recommendations
                      path: /recommendations/{header.X-User-Id}?limit=4
                      timeout: %s
                      required: false
                      fallbackCall:
                        cluster: catalog
                        path: /products/popular?limit=4
                        timeout: 1s
                        select: /items
                    cart:
                      cluster: carts
                      path: /carts/{header.X-User-Id}/summary
                      timeout: %s
        """.formatted(recommendationsTimeout, cartTimeout) + clusters();
  }

  private String clusters() {
    return """
        clusters:
          - name: catalog
            endpoints:
              - address: %s
          - name: recommendations
            endpoints:
              - address: %s
            circuitBreaker:
              enabled: false
          - name: carts
            endpoints:
              - address: %s
        """.formatted(catalog.address(), recommendations.address(), carts.address());
  }

  private static GatewayHarness start(String yaml) {
    return start(yaml, options -> options);
  }

  private static GatewayHarness start(String yaml, UnaryOperator<dev.emporium.gateway.GatewayOptions> more) {
    return GatewayHarness.start(yaml, options -> more.apply(options.withPolicies(
        new PolicyRegistry().register(new IdentityStub()))));
  }

  @Test
  void storefrontHomeMergesFeaturedRecommendationsAndCartUnderTheirNames() {
    try (GatewayHarness gateway = start(storefront("1s"))) {
      HttpResponse<String> response = gateway.get("/api/storefront/home?limit=2");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(response.headers().firstValue("X-Aggregate-Partial")).isEmpty();
      JsonObject home = new JsonObject(response.body());
      assertThat(home.fieldNames()).containsExactly("featured", "recommendations", "cart");
      assertThat(home.getJsonArray("featured")).isEqualTo(new JsonArray("[{\"id\":\"p-1\",\"name\":\"Featured lamp\"}]"));
      assertThat(home.getJsonArray("recommendations").getJsonObject(0).getString("id")).isEqualTo("p-7");
      assertThat(home.getJsonObject("cart").getString("total")).isEqualTo("59.90");

      assertThat(catalog.take().uri()).isEqualTo("/products?featured=true&limit=2");
      assertThat(recommendations.take().uri()).isEqualTo("/recommendations/u-42?limit=4");
      assertThat(carts.take().uri()).isEqualTo("/carts/u-42/summary");

      JsonObject route = new JsonArray(gateway.admin("GET", "/admin/routes", true).body()).getJsonObject(0);
      assertThat(route.getString("name")).isEqualTo("storefront-home");
      assertThat(route.containsKey("cluster") && route.getString("cluster") == null).as("a route with no cluster").isTrue();
    }
  }

  @Test
  void failingRecommendationsFallBackToPopularProductsAndAreMarkedPartial() {
    recommendations.behave(request -> json(request, 500, "{\"error\":\"model not loaded\"}"));
    try (GatewayHarness gateway = start(storefront("1s"))) {
      HttpResponse<String> response = gateway.get("/api/storefront/home");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject home = new JsonObject(response.body());
      assertThat(home.getJsonArray("recommendations")).isEqualTo(
          new JsonArray("[{\"id\":\"p-9\",\"name\":\"Popular kettle\"}]"));
      assertThat(home.getJsonArray("_partial")).containsExactly("recommendations");
      assertThat(response.headers().firstValue("X-Aggregate-Partial")).contains("recommendations");
      assertThat(home.getJsonObject("cart").getString("userId")).isEqualTo("u-42");
      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_aggregate_parts_total",
          "route", "storefront-home", "part", "recommendations", "result", "fallback")).isEqualTo(1.0);
    }
  }

  @Test
  void partsWithoutDependenciesRunInParallel() {
    catalog.behave(after(300, 200, "{\"items\":[]}"));
    carts.behave(after(300, 200, "{\"items\":0}"));
    String yaml = """
        routes:
          - name: both
            match:
              path: /api/both
            policies:
              - aggregate:
                  parts:
                    products:
                      cluster: catalog
                      path: /products
                      timeout: 2s
                    cart:
                      cluster: carts
                      path: /carts/1
                      timeout: 2s
        """ + clusters();
    try (GatewayHarness gateway = start(yaml)) {
      assertThat(gateway.get("/api/both").statusCode()).isEqualTo(200);

      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/both");
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(response.body()).getMap()).containsKeys("products", "cart");
      assertThat(elapsedMs).as("two 300 ms parts side by side").isBetween(300L, 500L);
    }
  }

  @Test
  void aPartThatNeedsAnothersResultRunsAfterItWithItsValues() {
    carts.behave(after(200, 200, "{\"owner\":{\"id\":\"u 42\"},\"lines\":[{\"sku\":\"p-3\"},{\"sku\":\"p-4\"}]}"));
    recommendations.behave(after(200, 200, "[\"p-8\"]"));
    String yaml = """
        routes:
          - name: cart-page
            match:
              path: /api/cart-page
            policies:
              - aggregate:
                  parts:
                    related:
                      cluster: recommendations
                      path: /recommendations/{parts.cart.owner.id}?sku={parts.cart.lines.1.sku}
                      timeout: 1s
                    cart:
                      cluster: carts
                      path: /carts/mine
                      timeout: 1s
        """ + clusters();
    try (GatewayHarness gateway = start(yaml)) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/cart-page");
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject page = new JsonObject(response.body());
      assertThat(page.fieldNames()).containsExactly("related", "cart");
      assertThat(page.getJsonArray("related")).containsExactly("p-8");
      assertThat(recommendations.take().uri()).isEqualTo("/recommendations/u%2042?sku=p-4");
      assertThat(elapsedMs).as("the dependent part waits for the one it reads").isGreaterThanOrEqualTo(400L);
    }
  }

  @Test
  void aSlowOptionalPartFallsBackWithinItsTimeout() {
    recommendations.behave(after(2_000, 200, "[]"));
    String yaml = """
        routes:
          - name: home
            match:
              path: /api/home
            policies:
              - aggregate:
                  parts:
                    cart:
                      cluster: carts
                      path: /carts/1
                      timeout: 1s
                    recommendations:
                      cluster: recommendations
                      path: /recommendations
                      timeout: 300ms
                      required: false
                      fallback: {"items": [], "reason": "unavailable"}
        """ + clusters();
    try (GatewayHarness gateway = start(yaml)) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/home");
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject home = new JsonObject(response.body());
      assertThat(home.getJsonObject("recommendations")).isEqualTo(new JsonObject("{\"items\":[],\"reason\":\"unavailable\"}"));
      assertThat(home.getJsonArray("_partial")).containsExactly("recommendations");
      assertThat(response.headers().firstValue("X-Aggregate-Partial")).contains("recommendations");
      assertThat(elapsedMs).as("the 300 ms timeout, not the part's 2 s").isBetween(300L, 1_000L);
    }
  }

  @Test
  void aFailingRequiredPartFailsTheRequestWithItsRealStatus() {
    carts.behave(request -> json(request, 404, "{\"error\":\"no cart\"}"));
    try (GatewayHarness gateway = start(storefront("1s"))) {
      HttpResponse<String> response = gateway.get("/api/storefront/home");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(Problems.type(response)).isEqualTo("aggregate-part-failed");
      JsonObject problem = new JsonObject(response.body());
      assertThat(problem.getString("part")).isEqualTo("cart");
      assertThat(problem.getInteger("partStatus")).isEqualTo(404);
      assertThat(problem.getInteger("status")).isEqualTo(404);
      assertThat(problem.getString("cause")).isEqualTo("upstream-status");
      assertThat(problem.getString("detail")).contains("cart").contains("404");
      assertThat(problem.getString("instance")).isEqualTo("/api/storefront/home");
      assertThat(problem.getString("requestId")).isNotBlank();
      assertThat(problem.getString("detail")).doesNotContain("no cart");
    }
    carts.behave(request -> request.response().setStatusCode(503).putHeader("Retry-After", "7").end());
    try (GatewayHarness gateway = start(storefront("1s"))) {
      HttpResponse<String> response = gateway.get("/api/storefront/home");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("7");
      assertThat(new JsonObject(response.body()).getInteger("partStatus")).isEqualTo(503);
    }
  }

  @Test
  void aRequiredPartWithoutAnAnswerFailsWithTheGatewaysStatus() {
    carts.behave(after(2_000, 200, "{}"));
    try (GatewayHarness gateway = start(storefront("1s", "250ms"))) {
      long start = System.nanoTime();
      HttpResponse<String> response = gateway.get("/api/storefront/home");
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.statusCode()).isEqualTo(504);
      JsonObject problem = new JsonObject(response.body());
      assertThat(problem.getString("part")).isEqualTo("cart");
      assertThat(problem.getString("cause")).isEqualTo("upstream-timeout");
      assertThat(problem.containsKey("partStatus")).isFalse();
      assertThat(elapsedMs).isLessThan(1_000L);
    }
    String unreachable = storefront("1s").replace(carts.address(), "127.0.0.1:" + closedPort());
    try (GatewayHarness gateway = start(unreachable)) {
      HttpResponse<String> response = gateway.get("/api/storefront/home");

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(new JsonObject(response.body()).getString("cause")).isEqualTo("upstream-unreachable");
    }
  }

  @Test
  void aFailingOptionalPartWithoutAFallbackCallGetsItsFallbackValue() {
    recommendations.behave(request -> json(request, 200, "not json at all"));
    String yaml = """
        routes:
          - name: home
            match:
              path: /api/home
            policies:
              - aggregate:
                  parts:
                    recommendations:
                      cluster: recommendations
                      path: /recommendations
                      required: false
                      fallback: []
        """ + clusters();
    try (GatewayHarness gateway = start(yaml)) {
      HttpResponse<String> response = gateway.get("/api/home");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(response.body())).isEqualTo(
          new JsonObject("{\"recommendations\":[],\"_partial\":[\"recommendations\"]}"));
    }
  }

  @Test
  void authIdentityRequestIdAndTraceReachEveryPart() {
    RecordingSpanExporter spans = new RecordingSpanExporter();
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (GatewayHarness gateway = start(storefront("1s"), options -> options.withSpanExporter(spans))) {
      HttpResponse<String> response = gateway.get("/api/storefront/home",
          "Authorization", "Bearer opaque-token-1",
          "X-Request-Id", "req-aggregate-1",
          "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01",
          "Cookie", "session=secret");
      assertThat(response.statusCode()).isEqualTo(200);

      List<RecordedRequest> parts = List.of(catalog.take(), recommendations.take(), carts.take());
      for (RecordedRequest part : parts) {
        assertThat(part.header("Authorization")).as(part.uri()).isEqualTo("Bearer opaque-token-1");
        assertThat(part.header("X-User-Id")).as(part.uri()).isEqualTo("u-42");
        assertThat(part.header("X-User-Roles")).as(part.uri()).isEqualTo("customer");
        assertThat(part.header("X-Scopes")).as(part.uri()).isEqualTo("cart:read orders:read");
        assertThat(part.header("X-Request-Id")).as(part.uri()).isEqualTo("req-aggregate-1");
        assertThat(part.header("traceparent")).as(part.uri()).startsWith("00-" + traceId + "-").endsWith("-01");
        assertThat(part.header("Cookie")).as("not in propagateHeaders").isNull();
      }
      List<String> spanIds = parts.stream().map(p -> p.header("traceparent").split("-")[2]).distinct().toList();
      assertThat(spanIds).as("a span of its own per part").hasSize(3);

      TestUpstream.await(Duration.ofSeconds(5), () -> spans.trace(traceId).size() >= 4, "the request's and parts' spans");
      List<SpanData> clientSpans = spans.trace(traceId).stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
      assertThat(clientSpans).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("emporium.cluster")))
          .containsExactlyInAnyOrder("catalog", "recommendations", "carts");
      SpanData server = spans.trace(traceId).stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
      assertThat(clientSpans).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()));
      assertThat(clientSpans).extracting(SpanData::getSpanId).containsExactlyInAnyOrderElementsOf(spanIds);
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stands in for an authentication policy: sets the identity headers a verified token would, as
   * such a policy does, on the request that goes upstream.
   */
  public static final class IdentityStub implements PolicyFactory<IdentityStub.Settings> {

    public record Settings(String user, String roles, String scopes) {}

    @Override
    public String name() {
      return "test-identity";
    }

    @Override
    public Class<Settings> configType() {
      return Settings.class;
    }

    @Override
    public Policy create(Settings settings, PolicyContext context) {
      return new Policy() {
        @Override
        public Future<ProxyResponse> onRequest(Exchange exchange) {
          exchange.upstreamHeaders().set("X-User-Id", settings.user());
          exchange.upstreamHeaders().set("X-User-Roles", settings.roles());
          exchange.upstreamHeaders().set("X-Scopes", settings.scopes());
          return exchange.proceed();
        }
      };
    }
  }

}
