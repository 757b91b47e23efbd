package dev.emporium.gateway.policy.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.emporium.gateway.config.ConfigException;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The openapi policy validating requests against a real document, in front of a real upstream. */
class OpenApiIT {

  static final String ORDERS_API = """
      openapi: 3.0.3
      info: {title: Orders, version: "1"}
      paths:
        /orders:
          get:
            parameters:
              - name: limit
                in: query
                required: true
                schema: {type: integer, minimum: 1, maximum: 100}
              - name: status
                in: query
                schema: {type: string, enum: [open, closed]}
              - name: ids
                in: query
                explode: false
                schema: {type: array, items: {type: integer}}
              - $ref: '#/components/parameters/Tenant'
          post:
            requestBody:
              required: true
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/NewOrder'}
        /orders/{id}:
          parameters:
            - name: id
              in: path
              required: true
              schema: {type: integer, format: int64}
          get:
            responses: {"200": {description: ok}}
        /orders/summary:
          get:
            responses: {"200": {description: ok}}
      components:
        parameters:
          Tenant:
            name: X-Tenant
            in: header
            required: true
            schema: {type: string, pattern: '^[a-z]+$'}
        schemas:
          NewOrder:
            type: object
            required: [customerId, lines]
            additionalProperties: false
            properties:
              customerId: {type: string, minLength: 1}
              note: {type: string, nullable: true}
              lines:
                type: array
                minItems: 1
                items: {$ref: '#/components/schemas/Line'}
          Line:
            type: object
            required: [sku, quantity]
            properties:
              sku: {type: string}
              quantity: {type: integer, minimum: 1}
      """;

  private Path dir;
  private Path document;

  @BeforeEach
  void writeDocument() throws IOException {
    dir = Files.createTempDirectory("openapi-it");
    document = dir.resolve("orders.yaml");
    Files.writeString(document, ORDERS_API);
  }

  @AfterEach
  void removeDocument() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(dir);
  }

  private String config(String upstream, String settings) {
    return """
        routes:
          - name: orders
            match:
              path: /api/**
            cluster: orders
            stripPrefix: /api
            policies:
              - openapi:
                  document: %s
        %s
        clusters:
          - name: orders
            endpoints:
              - address: %s
        """.formatted(document, settings.indent(10).stripTrailing(), upstream);
  }

  private static HttpResponse<String> post(GatewayHarness gateway, String path, String contentType, String body) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.url(path)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
  }

  /** The {@code errors} of a 400 answer, field to message. */
  private static Map<String, String> errors(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(Problems.type(response)).isEqualTo("validation-failed");
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray errors = new JsonObject(response.body()).getJsonArray("errors");
    for (int i = 0; i < errors.size(); i++) {
      out.put(errors.getJsonObject(i).getString("field"), errors.getJsonObject(i).getString("message"));
    }
    return out;
  }

  @Test
  void aValidRequestPassesUnchanged() {
    String body = "{\"customerId\":\"c-1\",\"note\":null,\"lines\":[{\"sku\":\"A\",\"quantity\":2}]}";
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), ""))) {
      HttpResponse<String> list = gateway.get("/api/orders?limit=5&status=open&ids=1,2", "X-Tenant", "acme");
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      assertThat(up.take().uri()).isEqualTo("/orders?limit=5&status=open&ids=1,2");

      HttpResponse<String> created = post(gateway, "/api/orders", "application/json", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      assertThat(new JsonObject(created.body()).getString("body")).isEqualTo(body);

      assertThat(gateway.get("/api/orders/42").statusCode()).isEqualTo(200);
      HttpResponse<String> head = gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/orders/42")))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(head.statusCode()).as("HEAD is checked as the GET operation").isEqualTo(200);
      // A concrete path wins over a templated one: "summary" is not checked as an integer id.
      assertThat(gateway.get("/api/orders/summary").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void missingRequiredParametersAreNamed() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), ""))) {
      Map<String, String> errors = errors(gateway.get("/api/orders"));

      assertThat(errors).containsEntry("query.limit", "is required").containsEntry("header.X-Tenant", "is required");
      assertThat(up.requestCount()).isZero();
    }
  }

  @Test
  void wrongTypesAreNamed() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), ""))) {
      Map<String, String> errors = errors(gateway.get("/api/orders?limit=abc&status=lost&ids=1,x", "X-Tenant", "ACME"));

      assertThat(errors.keySet()).containsExactlyInAnyOrder("query.limit", "query.status", "query.ids[1]", "header.X-Tenant");
      assertThat(errors.get("query.limit")).contains("integer");
      assertThat(errors.get("query.status")).contains("enum");
      assertThat(errors.get("header.X-Tenant")).contains("^[a-z]+$");

      assertThat(errors(gateway.get("/api/orders?limit=0", "X-Tenant", "acme")).get("query.limit")).contains("1");
      assertThat(errors(gateway.get("/api/orders/abc"))).containsOnlyKeys("path.id");
      assertThat(up.requestCount()).isZero();
    }
  }

  @Test
  void bodyFieldViolationsAreNamed() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), ""))) {
      Map<String, String> errors = errors(post(gateway, "/api/orders", "application/json",
          "{\"customerId\":\"\",\"lines\":[{\"sku\":\"A\",\"quantity\":0},{\"quantity\":\"2\"}],\"extra\":1}"));

      assertThat(errors.keySet()).containsExactlyInAnyOrder("body.customerId", "body.lines[0].quantity",
          "body.lines[1].sku", "body.lines[1].quantity", "body.extra");
      assertThat(errors.get("body.lines[0].quantity")).contains("minimum").contains("1");
      assertThat(errors.get("body.lines[1].sku")).contains("required");

      assertThat(errors(post(gateway, "/api/orders", "application/json", "{\"customerId\":\"c\"}")))
          .containsOnlyKeys("body.lines");
      assertThat(errors(post(gateway, "/api/orders", "application/json", "{\"customerId\":")))
          .containsExactly(Map.entry("body", "is not valid JSON"));
      HttpResponse<String> single = post(gateway, "/api/orders", "application/json", "{\"customerId\":\"c\"}");
      assertThat(Problems.detail(single)).contains("body.lines");
      assertThat(up.requestCount()).isZero();
    }
  }

  @Test
  void aMissingBodyWrongMediaTypeOrOversizedBodyIsRefused() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "maxBodySize: 1KiB"))) {
      assertThat(errors(post(gateway, "/api/orders", "application/json", ""))).containsEntry("body", "is required");

      HttpResponse<String> text = post(gateway, "/api/orders", "text/plain", "hello");
      assertThat(text.statusCode()).isEqualTo(415);
      assertThat(Problems.type(text)).isEqualTo("unsupported-media-type");
      assertThat(Problems.detail(text)).contains("application/json");

      String big = "{\"customerId\":\"" + "x".repeat(2000) + "\",\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}";
      HttpResponse<String> tooLarge = post(gateway, "/api/orders", "application/json", big);
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      assertThat(Problems.detail(tooLarge)).contains("1024").contains("maxBodySize");
      assertThat(up.requestCount()).isZero();

      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_openapi_rejected_total",
          "route", "orders", "reason", "too-large")).isEqualTo(1.0);
    }
  }

  @Test
  void unknownOperationsAreRefusedOrPassedAsConfigured() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness strict = GatewayHarness.start(config(up.address(), ""));
        GatewayHarness lenient = GatewayHarness.start(config(up.address(), "unknownOperations: pass"))) {
      HttpResponse<String> noPath = strict.get("/api/customers");
      assertThat(noPath.statusCode()).isEqualTo(404);
      assertThat(Problems.type(noPath)).isEqualTo("operation-not-found");

      HttpResponse<String> noMethod = strict.send(HttpRequest.newBuilder(URI.create(strict.url("/api/orders/7")))
          .DELETE());
      assertThat(noMethod.statusCode()).isEqualTo(405);
      assertThat(noMethod.headers().firstValue("Allow")).contains("GET");
      assertThat(up.requestCount()).isZero();

      assertThat(lenient.get("/api/customers").statusCode()).isEqualTo(200);
      assertThat(up.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void theClientsPathCanBeMatchedUnderABasePath() {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "match: client\nbasePath: /api"))) {
      assertThat(gateway.get("/api/orders/12").statusCode()).isEqualTo(200);
      assertThat(errors(gateway.get("/api/orders/twelve"))).containsOnlyKeys("path.id");
    }
  }

  @Test
  void aChangedDocumentTakesEffectOnReloadAndABrokenOneIsRefused() throws IOException {
    try (TestUpstream up = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), ""))) {
      assertThat(gateway.get("/api/orders?limit=100", "X-Tenant", "acme").statusCode()).isEqualTo(200);

      Files.writeString(document, ORDERS_API.replace("maximum: 100", "maximum: 10"));
      assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(errors(gateway.get("/api/orders?limit=100", "X-Tenant", "acme"))).containsOnlyKeys("query.limit");

      Files.writeString(document, "openapi: 3.0.3\npaths: [");
      HttpResponse<String> refused = gateway.admin("POST", "/admin/reload", true);
      assertThat(refused.statusCode()).isNotEqualTo(200);
      assertThat(refused.body()).contains("orders.yaml");
      assertThat(errors(gateway.get("/api/orders?limit=100", "X-Tenant", "acme"))).containsOnlyKeys("query.limit");
      assertThat(gateway.get("/api/orders?limit=5", "X-Tenant", "acme").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aDocumentThatCannotBeLoadedIsAConfigurationErrorNamingTheFile() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "openapi: 3.0.3\npaths:\n  /x:\n    get: {parameters: [{name: a, in: query, schema: {$ref: 'other.yaml#/A'}}]}\n");
    Path missing = dir.resolve("missing.yaml");
    for (Path file : new Path[] {broken, missing}) {
      Throwable thrown = catchThrowable(() -> GatewayHarness.start(config("127.0.0.1:9", "").replace(document.toString(), file.toString())).close());
      assertThat(thrown).isInstanceOf(ConfigException.class);
      assertThat(thrown.getMessage()).contains("routes[0].policies[0].openapi").contains(file.getFileName().toString());
    }
  }
}
