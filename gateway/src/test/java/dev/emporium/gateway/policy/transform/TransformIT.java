package dev.emporium.gateway.policy.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The transform policy against a real gateway and a real upstream. */
class TransformIT {

  private static String route(String upstream, String path, String transform) {
    return """
        routes:
          - name: shop
            match:
              path: %s
            cluster: svc
            stripPrefix: /api
            policies:
              - transform:
        %s
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(path, transform.indent(12).stripTrailing(), upstream);
  }

  /** An upstream answering every request with this JSON and these extra headers. */
  private static Handler<HttpServerRequest> json(String body, String... headers) {
    return request -> request.body().onSuccess(b -> {
      var response = request.response().putHeader("Content-Type", "application/json");
      for (int i = 0; i + 1 < headers.length; i += 2) response.putHeader(headers[i], headers[i + 1]);
      response.end(body);
    });
  }

  private static final String ORDER = """
      {"id":"o-1","total":12.50,"customer":{"name":"Ada","email":"ada@example.com"},
       "items":[{"sku":"A","qty":1,"internalCost":3.10,"supplier":{"name":"Acme","apiKey":"k-1"}},
                {"sku":"B","qty":2,"internalCost":4.20,"supplier":{"name":"Bolt","apiKey":"k-2"}}],
       "audit":{"createdBy":"ops"}}
      """;

  @Test
  void requestHeadersAreAddedSetRemovedAndRenamed() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", """
            request:
              headers:
                add: {X-Api-Version: "2"}
                set: {X-Tenant: emporium}
                remove: [X-Debug]
                rename: {X-Legacy-Token: X-Token}
            """))) {
      HttpResponse<String> response = gateway.get("/api/orders", "X-Tenant", "client-chose", "X-Debug", "1",
          "X-Legacy-Token", "t-1", "X-Api-Version", "1");

      assertThat(response.statusCode()).isEqualTo(200);
      RecordedRequest seen = up.take();
      assertThat(seen.headers().getAll("X-Api-Version")).containsExactly("1", "2");
      assertThat(seen.headers().getAll("X-Tenant")).containsExactly("emporium");
      assertThat(seen.header("X-Debug")).isNull();
      assertThat(seen.header("X-Legacy-Token")).isNull();
      assertThat(seen.header("X-Token")).isEqualTo("t-1");

      gateway.get("/api/orders", "X-Token", "forged-by-client");
      assertThat(up.take().header("X-Token")).as("a rename's target never comes from the client").isNull();
    }
  }

  @Test
  void pathIsRewrittenFromTheRouteParameters() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/shops/{shop}/orders/{id}", """
            request:
              path: /v2/orders/{id}/detail/{shop}
            """))) {
      HttpResponse<String> response = gateway.get("/api/shops/north/orders/o-17?expand=items");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(up.take().uri()).isEqualTo("/v2/orders/o-17/detail/north?expand=items");
    }
  }

  @Test
  void aPathTemplateNamingAParameterTheRouteLacksFailsLoudly() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", "request:\n  path: /v2/{id}\n"))) {
      HttpResponse<String> response = gateway.get("/api/orders/1");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(Problems.type(response)).isEqualTo("transform-misconfigured");
      assertThat(up.requestCount()).isZero();
    }
  }

  @Test
  void queryParametersAreAddedSetRemovedAndRenamed() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", """
            request:
              query:
                add: {source: gateway, tag: a b}
                set: {limit: "50"}
                remove: [debug]
                rename: {q: search}
            """))) {
      gateway.get("/api/products?q=red%20shoe&debug=1&limit=5000&limit=2&keep=x%2Fy");

      assertThat(up.take().uri()).isEqualTo("/products?search=red%20shoe&keep=x%2Fy&limit=50&source=gateway&tag=a%20b");

      gateway.get("/api/products?debug=1");
      assertThat(up.take().uri()).isEqualTo("/products?limit=50&source=gateway&tag=a%20b");
    }
  }

  @Test
  void responseHeadersAreChanged() {
    try (TestUpstream up = TestUpstream.start(json("{}", "X-Powered-By", "Express", "X-Internal-Host", "db-3",
            "Cache-Control", "private"));
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", """
            response:
              headers:
                remove: [X-Powered-By]
                rename: {X-Internal-Host: X-Served-By}
                set: {Cache-Control: no-store}
                add: {X-Api-Version: "2"}
            """))) {
      HttpResponse<String> response = gateway.get("/api/x");

      assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
      assertThat(response.headers().firstValue("X-Internal-Host")).isEmpty();
      assertThat(response.headers().firstValue("X-Served-By")).contains("db-3");
      assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
      assertThat(response.headers().firstValue("X-Api-Version")).contains("2");
    }
  }

  @Test
  void removesAndRenamesJsonFieldsInNestedObjectsAndArrays() {
    try (TestUpstream up = TestUpstream.start(json(ORDER, "ETag", "\"v7\""));
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", """
            response:
              json:
                remove:
                  - items[*].internalCost
                  - items[*].supplier.apiKey
                  - /audit
                rename:
                  customer.email: contact
            """))) {
      HttpResponse<String> response = gateway.get("/api/orders/o-1");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject body = new JsonObject(response.body());
      JsonArray items = body.getJsonArray("items");
      assertThat(items).hasSize(2);
      for (int i = 0; i < 2; i++) {
        assertThat(items.getJsonObject(i).containsKey("internalCost")).isFalse();
        assertThat(items.getJsonObject(i).getJsonObject("supplier").fieldNames()).containsExactly("name");
      }
      assertThat(items.getJsonObject(1).getInteger("qty")).isEqualTo(2);
      assertThat(body.containsKey("audit")).isFalse();
      assertThat(body.getJsonObject("customer").getString("contact")).isEqualTo("ada@example.com");
      assertThat(body.getJsonObject("customer").containsKey("email")).isFalse();
      assertThat(response.body()).contains("\"total\":12.50").doesNotContain("k-1").doesNotContain("internalCost");
      assertThat(response.headers().firstValue("Content-Length"))
          .contains(Integer.toString(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
      assertThat(response.headers().firstValue("ETag")).contains("W/\"v7\"");
      assertThat(up.take().header("Accept-Encoding")).isEqualTo("identity");
    }
  }

  @Test
  void filtersChunkedBodiesAndTopLevelArrays() {
    Handler<HttpServerRequest> chunked = request -> request.body().onSuccess(b -> {
      var response = request.response().setChunked(true).putHeader("Content-Type", "application/vnd.shop+json; charset=utf-8");
      response.write("[{\"sku\":\"A\",\"secret\":1},");
      response.end("{\"sku\":\"B\",\"secret\":2}]");
    });
    try (TestUpstream up = TestUpstream.start(chunked);
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", """
            response:
              json:
                remove: ["[*].secret"]
            """))) {
      HttpResponse<String> response = gateway.get("/api/list");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new JsonArray(response.body())).isEqualTo(new JsonArray("[{\"sku\":\"A\"},{\"sku\":\"B\"}]"));
      assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length()));
    }
  }

  @Test
  void aBodyOverTheLimitIsRefusedNotLeaked() {
    String big = "{\"secret\":\"s-1\",\"pad\":\"" + "x".repeat(4096) + "\"}";
    Handler<HttpServerRequest> chunked = request -> request.body().onSuccess(b -> {
      var response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
      response.write(big.substring(0, 100));
      response.end(big.substring(100));
    });
    String filter = """
        response:
          json:
            remove: [secret]
            maxBodySize: 1KiB
        """;
    try (TestUpstream sized = TestUpstream.start(json(big));
        TestUpstream streamed = TestUpstream.start(chunked);
        GatewayHarness withLength = GatewayHarness.start(route(sized.address(), "/api/**", filter));
        GatewayHarness withoutLength = GatewayHarness.start(route(streamed.address(), "/api/**", filter))) {
      for (GatewayHarness gateway : new GatewayHarness[] {withLength, withoutLength}) {
        HttpResponse<String> response = gateway.get("/api/big");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Problems.type(response)).isEqualTo("response-not-filterable");
        assertThat(Problems.detail(response)).contains("1024 bytes").contains("maxBodySize");
        assertThat(response.body()).doesNotContain("s-1");
        // The connection stays usable for the next request.
        assertThat(gateway.get("/api/big").statusCode()).isEqualTo(502);
      }
      assertThat(Metrics.value(Metrics.scrape(withLength), "gateway_transform_rejected_total",
          "route", "shop", "reason", "too-large")).isEqualTo(2.0);
    }
  }

  @Test
  void bodiesThatCannotBeFilteredAreRefused() {
    try (TestUpstream html = TestUpstream.start(request -> request.response()
            .putHeader("Content-Type", "text/html").end("<p>secret: s-1</p>"));
        TestUpstream broken = TestUpstream.start(json("{\"secret\":\"s-1\", oops"));
        TestUpstream gzip = TestUpstream.start(json("{\"secret\":\"s-1\"}", "Content-Encoding", "gzip"));
        GatewayHarness viaHtml = GatewayHarness.start(route(html.address(), "/api/**", "response:\n  json:\n    remove: [secret]\n"));
        GatewayHarness viaBroken = GatewayHarness.start(route(broken.address(), "/api/**", "response:\n  json:\n    remove: [secret]\n"));
        GatewayHarness viaGzip = GatewayHarness.start(route(gzip.address(), "/api/**", "response:\n  json:\n    remove: [secret]\n"))) {
      for (GatewayHarness gateway : new GatewayHarness[] {viaHtml, viaBroken, viaGzip}) {
        HttpResponse<String> response = gateway.get("/api/x");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Problems.type(response)).isEqualTo("response-not-filterable");
        assertThat(response.body()).doesNotContain("s-1");
      }
    }
  }

  @Test
  void nonJsonMayPassWhenConfiguredAndRenamingAloneNeverRefuses() {
    try (TestUpstream html = TestUpstream.start(request -> request.response()
            .putHeader("Content-Type", "text/html").end("<p>hello</p>"));
        TestUpstream big = TestUpstream.start(json("{\"a\":\"" + "x".repeat(4096) + "\"}"));
        GatewayHarness passing = GatewayHarness.start(route(html.address(), "/api/**",
            "response:\n  json:\n    remove: [secret]\n    nonJson: pass\n"));
        GatewayHarness renaming = GatewayHarness.start(route(big.address(), "/api/**",
            "response:\n  json:\n    rename: {a: b}\n    maxBodySize: 1KiB\n"))) {
      HttpResponse<String> page = passing.get("/api/page");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).isEqualTo("<p>hello</p>");

      HttpResponse<String> large = renaming.get("/api/large");
      assertThat(large.statusCode()).isEqualTo(200);
      assertThat(large.body()).startsWith("{\"a\":\"xxx");
    }
  }

  @Test
  void headResponsesAndEmptyBodiesPass() {
    try (TestUpstream up = TestUpstream.start(request -> {
          if (request.path().endsWith("/empty")) {
            request.response().setStatusCode(204).end();
          } else {
            request.response().putHeader("Content-Type", "application/json").end("{\"secret\":1,\"a\":2}");
          }
        });
        GatewayHarness gateway = GatewayHarness.start(route(up.address(), "/api/**", "response:\n  json:\n    remove: [secret]\n"))) {
      assertThat(gateway.get("/api/empty").statusCode()).isEqualTo(204);
      HttpResponse<String> head = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/doc")))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length").orElse("0")).isNotEqualTo("18");
      assertThat(gateway.get("/api/doc").body()).isEqualTo("{\"a\":2}");
    }
  }
}
