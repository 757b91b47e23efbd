package dev.emporium.gateway.policy.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.emporium.gateway.config.ConfigException;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The cors policy: preflights answered at the gateway, CORS headers only for allowed origins. */
class CorsIT {

  private static String config(String upstream, String cors) {
    return """
        routes:
          - name: shop
            match:
              path: /api/**
            cluster: svc
            policies:
              - cors:
        %s
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(cors.indent(10).stripTrailing(), upstream);
  }

  private static final String SHOP = """
      allowOrigins: [https://shop.example.com, "https://*.emporium.dev", "http://localhost:3000"]
      allowMethods: [GET, POST, PUT]
      allowHeaders: [Content-Type, Authorization, X-Request-Id]
      exposeHeaders: [X-Request-Id, ETag]
      allowCredentials: true
      maxAge: 1h
      """;

  private static HttpResponse<String> preflight(GatewayHarness gateway, String origin, String method, String headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.url("/api/cart")))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", method);
    if (headers != null) builder.header("Access-Control-Request-Headers", headers);
    return gateway.send(builder);
  }

  @Test
  void anAllowedPreflightIsAnsweredAtTheGateway() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), SHOP))) {
      for (String origin : new String[] {"https://shop.example.com", "https://admin.emporium.dev",
          "https://a.b.emporium.dev", "http://localhost:3000"}) {
        HttpResponse<String> response = preflight(gateway, origin, "PUT", "content-type,authorization");

        assertThat(response.statusCode()).as(origin).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, PUT");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("Content-Type, Authorization, X-Request-Id");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("3600");
        assertThat(response.headers().firstValue("Vary").orElse("")).contains("Origin");
      }
      assertThat(up.requestCount()).as("preflights never reach the upstream").isZero();
      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_cors_requests_total",
          "route", "shop", "kind", "preflight", "outcome", "allowed")).isEqualTo(4.0);
    }
  }

  @Test
  void aDisallowedPreflightGets403WithoutCorsHeaders() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), SHOP))) {
      HttpResponse<String> evil = preflight(gateway, "https://evil.example", "GET", null);
      HttpResponse<String> lookalike = preflight(gateway, "https://shop.example.com.evil.example", "GET", null);
      HttpResponse<String> apex = preflight(gateway, "https://emporium.dev", "GET", null);
      HttpResponse<String> scheme = preflight(gateway, "http://shop.example.com", "GET", null);
      HttpResponse<String> method = preflight(gateway, "https://shop.example.com", "DELETE", null);
      HttpResponse<String> header = preflight(gateway, "https://shop.example.com", "POST", "content-type,x-admin");

      for (HttpResponse<String> response : java.util.List.of(evil, lookalike, apex, scheme, method, header)) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Problems.type(response)).isEqualTo("cors-rejected");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
        assertThat(response.headers().firstValue("Vary").orElse("")).contains("Origin");
      }
      assertThat(Problems.detail(method)).contains("DELETE");
      assertThat(Problems.detail(header)).contains("x-admin");
      assertThat(up.requestCount()).isZero();
    }
  }

  @Test
  void actualRequestsGetCorsHeadersOnlyForAllowedOrigins() {
    try (TestUpstream up = TestUpstream.start(request -> request.response()
            .putHeader("Access-Control-Allow-Origin", "*")
            .putHeader("Vary", "Accept-Encoding")
            .end("{}"));
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), SHOP))) {
      HttpResponse<String> allowed = gateway.get("/api/cart", "Origin", "https://shop.example.com");
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://shop.example.com");
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
      assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).contains("X-Request-Id, ETag");
      assertThat(allowed.headers().firstValue("Vary")).contains("Accept-Encoding, Origin");

      HttpResponse<String> denied = gateway.get("/api/cart", "Origin", "https://evil.example");
      assertThat(denied.statusCode()).isEqualTo(200);
      assertThat(denied.headers().firstValue("Access-Control-Allow-Origin"))
          .as("the upstream's own wildcard is removed too").isEmpty();
      assertThat(denied.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
      assertThat(denied.headers().firstValue("Vary")).contains("Accept-Encoding, Origin");

      HttpResponse<String> sameOrigin = gateway.get("/api/cart");
      assertThat(sameOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(sameOrigin.headers().firstValue("Vary")).contains("Accept-Encoding, Origin");
    }
  }

  @Test
  void anyOriginWithoutCredentialsAnswersWithTheWildcard() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "allowOrigins: ['*']\nallowHeaders: ['*']\n"))) {
      HttpResponse<String> response = preflight(gateway, "https://anyone.example", "POST", "x-custom, content-type");
      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
      assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("x-custom, content-type");
      assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

      HttpResponse<String> actual = gateway.get("/api/cart", "Origin", "https://anyone.example");
      assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }
  }

  @Test
  void credentialsWithAnyOriginAreRefusedWhenTheConfigurationLoads() {
    Throwable thrown = catchThrowable(() -> GatewayHarness.start(config("127.0.0.1:9",
        "allowOrigins: ['*']\nallowCredentials: true\n")).close());

    assertThat(thrown).isInstanceOf(ConfigException.class);
    assertThat(thrown.getMessage()).contains("routes[0].policies[0].cors").contains("allowOrigins[0]")
        .contains("allowCredentials");
  }
}
