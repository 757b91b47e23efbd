package dev.emporium.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin port: its own port, a bearer token for the API, open probes and metrics. */
class AdminApiIT {

  static TestUpstream upstream;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = TestUpstream.echo();
    gateway = GatewayHarness.start("""
        routes:
          - name: orders
            match:
              path: /api/orders/**
              methods: [GET, POST]
            cluster: orders
            stripPrefix: /api
        clusters:
          - name: orders
            endpoints:
              - address: %s
                zone: eu-1
        """.formatted(upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  private static HttpResponse<String> admin(String method, String path, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.adminUrl(path)))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) builder.header("Authorization", authorization);
    return gateway.send(builder);
  }

  @Test
  void apiNeedsTheBearerToken() {
    for (String authorization : new String[] {null, "Bearer wrong-token-0123456789", "Basic dGVzdDp0ZXN0",
        "Bearer " + GatewayHarness.ADMIN_TOKEN + "x", "Bearer"}) {
      HttpResponse<String> response = admin("GET", "/admin/routes", authorization);

      assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          v -> assertThat(v).startsWith("Bearer"));
      assertThat(Problems.type(response)).isEqualTo("unauthorized");
    }
    assertThat(admin("GET", "/admin/routes", "Bearer " + GatewayHarness.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    assertThat(admin("POST", "/admin/reload", null).statusCode()).isEqualTo(401);
  }

  @Test
  void adminPortIsNotTheDataPortAndTheDataPortServesNoAdminResource() {
    assertThat(gateway.gateway().adminPort()).isNotEqualTo(gateway.port());
    for (String path : new String[] {"/admin/routes", "/admin/clusters", "/metrics", "/health/ready", "/health/live"}) {
      HttpResponse<String> response = gateway.get(path, "Authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(Problems.type(response)).isEqualTo("no-route");
    }
    assertThat(gateway.send(HttpRequest.newBuilder(URI.create(gateway.url("/admin/reload")))
        .POST(HttpRequest.BodyPublishers.noBody()), "Authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void probesAndMetricsAreOpen() {
    HttpResponse<String> live = admin("GET", "/health/live", null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("UP");
    assertThat(admin("GET", "/health/ready", null).statusCode()).isEqualTo(200);

    HttpResponse<String> metrics = admin("GET", "/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body()).contains("# TYPE gateway_connections_active gauge");
  }

  @Test
  void routesListsEachRouteWithItsCluster() {
    JsonArray routes = new JsonArray(admin("GET", "/admin/routes", "Bearer " + GatewayHarness.ADMIN_TOKEN).body());

    JsonObject orders = routes.getJsonObject(0);
    assertThat(orders.getString("name")).isEqualTo("orders");
    assertThat(orders.getString("path")).isEqualTo("/api/orders/**");
    assertThat(orders.getString("cluster")).isEqualTo("orders");
    assertThat(orders.getJsonArray("methods")).containsExactly("GET", "POST");
  }

  @Test
  void clustersListsEndpointsWithTheirHealthAndTheGuards() {
    JsonObject orders = new JsonArray(admin("GET", "/admin/clusters", "Bearer " + GatewayHarness.ADMIN_TOKEN).body())
        .getJsonObject(0);

    assertThat(orders.getString("name")).isEqualTo("orders");
    JsonObject endpoint = orders.getJsonArray("endpoints").getJsonObject(0);
    assertThat(endpoint.getString("address")).isEqualTo(upstream.address());
    assertThat(endpoint.getString("zone")).isEqualTo("eu-1");
    assertThat(endpoint.getBoolean("healthy")).isTrue();
    assertThat(endpoint.getBoolean("ejected")).isFalse();
    assertThat(orders.getJsonObject("circuitBreaker").getString("state")).isEqualTo("CLOSED");
    assertThat(orders.getJsonObject("bulkhead").getInteger("maxConcurrentRequests")).isEqualTo(1024);
  }

  @Test
  void configShowsTheServingVersionAndFile() {
    JsonObject config = new JsonObject(admin("GET", "/admin/config", "Bearer " + GatewayHarness.ADMIN_TOKEN).body());

    assertThat(config.getLong("version")).isEqualTo(1L);
    assertThat(config.getString("file")).isEqualTo(gateway.configFile().toString());
    assertThat(config.getJsonArray("listeners").getJsonObject(0).getInteger("port")).isEqualTo(gateway.port());
    assertThat(config.toString()).doesNotContain(GatewayHarness.ADMIN_TOKEN);
  }

  @Test
  void wrongMethodsAndUnknownResourcesAreProblems() {
    HttpResponse<String> wrongMethod = admin("GET", "/admin/reload", "Bearer " + GatewayHarness.ADMIN_TOKEN);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
    assertThat(admin("DELETE", "/admin/routes", "Bearer " + GatewayHarness.ADMIN_TOKEN).statusCode()).isEqualTo(405);
    assertThat(admin("GET", "/admin/nothing", "Bearer " + GatewayHarness.ADMIN_TOKEN).statusCode()).isEqualTo(404);
    assertThat(admin("GET", "/elsewhere", null).statusCode()).isEqualTo(404);
  }
}
