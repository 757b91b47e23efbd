package dev.emporium.gateway.policy.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a reload does to a split changed through the admin API: a reload that leaves the route's
 * split in the file as it was keeps the live change; one that changes it replaces the live change;
 * a refused file changes nothing.
 */
class TrafficSplitReloadIT {

  private static final String ROUTES = """
      routes:
        - name: orders
          match: {path: /orders/**}
          cluster: orders-v1
          policies:
            - traffic-split:
                weights: {orders-v1: %s, orders-v2: %s}
      %s
      clusters:
        - name: orders-v1
          endpoints:
            - address: %s
        - name: orders-v2
          endpoints:
            - address: %s
      """;

  TestUpstream v1;
  TestUpstream v2;
  GatewayHarness gateway;

  @BeforeEach
  void start() {
    v1 = TestUpstream.fixed(200, "orders-v1");
    v2 = TestUpstream.fixed(200, "orders-v2");
    gateway = GatewayHarness.start(config("100", "0", ""));
  }

  @AfterEach
  void stop() {
    gateway.close();
    v1.close();
    v2.close();
  }

  private String config(String w1, String w2, String moreRoutes) {
    return ROUTES.formatted(w1, w2, moreRoutes, v1.address(), v2.address());
  }

  private HttpResponse<String> putWeights(String weights) {
    return gateway.send(HttpRequest.newBuilder(URI.create(gateway.adminUrl("/admin/routes/orders/traffic")))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"weights\": " + weights + "}"))
        .header("Authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN));
  }

  private JsonObject traffic() {
    return new JsonObject(gateway.admin("GET", "/admin/routes/orders/traffic", true).body());
  }

  private JsonObject reload() {
    return new JsonObject(gateway.admin("POST", "/admin/reload", true).body());
  }

  private String served() {
    HttpResponse<String> response = gateway.get("/orders/1");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void liveChangeSurvivesAReloadThatLeavesTheRoutesSplitAlone() {
    assertThat(putWeights("{\"orders-v1\": 0, \"orders-v2\": 100}").statusCode()).isEqualTo(200);
    assertThat(served()).isEqualTo("orders-v2");

    gateway.writeConfig(config("100", "0", """
          - name: other
            match: {path: /other/**}
            cluster: orders-v1
        """));
    assertThat(reload().getBoolean("applied")).isTrue();

    assertThat(gateway.get("/other/x").body()).isEqualTo("orders-v1");
    assertThat(traffic().getString("source")).isEqualTo("admin");
    for (int i = 0; i < 20; i++) assertThat(served()).isEqualTo("orders-v2");
  }

  @Test
  void aReloadThatChangesTheRoutesSplitReplacesTheLiveChange() {
    assertThat(putWeights("{\"orders-v1\": 0, \"orders-v2\": 100}").statusCode()).isEqualTo(200);

    gateway.writeConfig(config("1000", "0", ""));
    assertThat(reload().getBoolean("applied")).isTrue();

    JsonObject traffic = traffic();
    assertThat(traffic.getString("source")).isEqualTo("file");
    assertThat(traffic.getJsonObject("weights").getInteger("orders-v1")).isEqualTo(1000);
    for (int i = 0; i < 20; i++) assertThat(served()).isEqualTo("orders-v1");
  }

  @Test
  void aRefusedReloadNamingAnUnknownClusterChangesNothing() {
    assertThat(putWeights("{\"orders-v1\": 0, \"orders-v2\": 100}").statusCode()).isEqualTo(200);

    gateway.writeConfig(config("100", "0", "").replace("orders-v2: 0", "orders-v3: 0"));
    HttpResponse<String> refused = gateway.admin("POST", "/admin/reload", true);

    assertThat(refused.statusCode()).isEqualTo(422);
    JsonObject problem = new JsonObject(refused.body()).getJsonArray("problems").getJsonObject(0);
    assertThat(problem.getString("field")).isEqualTo("routes[0].policies[0].traffic-split.weights.orders-v3");
    assertThat(problem.getInteger("line")).isPositive();
    assertThat(problem.getString("message")).contains("unknown cluster 'orders-v3'");
    assertThat(traffic().getString("source")).isEqualTo("admin");
    assertThat(served()).isEqualTo("orders-v2");
  }
}
