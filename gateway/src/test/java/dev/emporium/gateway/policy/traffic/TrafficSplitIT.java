package dev.emporium.gateway.policy.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.AccessLogs;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The traffic-split policy against a real gateway and two real versions of a service: weights,
 * header and cookie rules, sticky users, the chosen cluster in logs and metrics, and live changes
 * through the admin API.
 */
class TrafficSplitIT {

  static TestUpstream v1;
  static TestUpstream v2;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    v1 = TestUpstream.fixed(200, "orders-v1");
    v2 = TestUpstream.fixed(200, "orders-v2");
    gateway = GatewayHarness.start("""
        routes:
          - name: ninety-ten
            match: {path: /ninety/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 90, orders-v2: 10}
          - name: all-or-nothing
            match: {path: /all/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 0, orders-v2: 100}
          - name: beta
            match: {path: /beta/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 100, orders-v2: 0}
                  rules:
                    - header: X-Beta
                      value: "true"
                      cluster: orders-v2
                    - cookie: beta
                      value: "1"
                      cluster: orders-v2
                    - header: X-Tester
                      regex: "qa-[0-9]+"
                      cluster: orders-v2
                    - header: X-Broken
                      present: true
                      cluster: orders-down
          - name: sticky
            match: {path: /sticky/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 50, orders-v2: 50}
                  sticky: {header: X-Device-Id}
          - name: live
            match: {path: /live/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 100, orders-v2: 0}
          - name: validated
            match: {path: /validated/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 100, orders-v2: 0}
          - name: resettable
            match: {path: /resettable/**}
            cluster: orders-v1
            policies:
              - traffic-split:
                  weights: {orders-v1: 100, orders-v2: 0}
                  rules:
                    - header: X-Beta
                      value: "true"
                      cluster: orders-v2
          - name: plain
            match: {path: /plain/**}
            cluster: orders-v1
        clusters:
          - name: orders-v1
            endpoints:
              - address: %s
          - name: orders-v2
            endpoints:
              - address: %s
          - name: orders-down
            endpoints:
              - address: 127.0.0.1:1
            retry:
              retries: 0
        """.formatted(v1.address(), v2.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    v1.close();
    v2.close();
  }

  /** Which version answered, for {@code count} requests sent from a few threads at once. */
  private static Map<String, Integer> served(int count, String path, String... headers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) futures.add(pool.submit(() -> gateway.get(path, headers)));
      Map<String, Integer> counts = new HashMap<>();
      for (Future<HttpResponse<String>> f : futures) {
        HttpResponse<String> response = f.get();
        assertThat(response.statusCode()).isEqualTo(200);
        counts.merge(response.body(), 1, Integer::sum);
      }
      return counts;
    } finally {
      pool.shutdownNow();
    }
  }

  private static HttpResponse<String> admin(String method, String path, String body, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.adminUrl(path)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) builder.header("Authorization", "Bearer " + token);
    return gateway.send(builder);
  }

  private static HttpResponse<String> admin(String method, String path, String body) {
    return admin(method, path, body, GatewayHarness.ADMIN_TOKEN);
  }

  /** Which version answered one request. */
  private static String served0(String path) {
    return gateway.get(path).body();
  }

  private static String field(HttpResponse<String> problem) {
    return new JsonObject(problem.body()).getString("field");
  }

  @Test
  void splitsByWeightWithinStatisticalTolerance() throws Exception {
    Map<String, Integer> counts = served(1000, "/ninety/orders");

    assertThat(counts.getOrDefault("orders-v1", 0) + counts.getOrDefault("orders-v2", 0)).isEqualTo(1000);
    // 10 % ± 4 %: more than four standard deviations of a binomial(1000, 0.1) either side.
    assertThat(counts.getOrDefault("orders-v2", 0)).isBetween(60, 140);
  }

  @Test
  void weightZeroSendsNoneAndTheOnlyWeightedClusterGetsAll() throws Exception {
    assertThat(served(200, "/all/orders")).containsOnly(Map.entry("orders-v2", 200));
    assertThat(served(200, "/beta/orders")).containsOnly(Map.entry("orders-v1", 200));
  }

  @Test
  void headerRuleWinsOverTheWeights() throws Exception {
    assertThat(served(50, "/beta/orders", "X-Beta", "true")).containsOnly(Map.entry("orders-v2", 50));
    assertThat(served(50, "/beta/orders", "X-Beta", "false")).containsOnly(Map.entry("orders-v1", 50));
    assertThat(served(20, "/beta/orders", "X-Tester", "qa-17")).containsOnly(Map.entry("orders-v2", 20));
    assertThat(served(20, "/beta/orders", "X-Tester", "qa-17x")).containsOnly(Map.entry("orders-v1", 20));
  }

  @Test
  void cookieRuleWinsOverTheWeights() throws Exception {
    assertThat(served(50, "/beta/orders", "Cookie", "theme=dark; beta=1")).containsOnly(Map.entry("orders-v2", 50));
    assertThat(served(50, "/beta/orders", "Cookie", "beta=0")).containsOnly(Map.entry("orders-v1", 50));
  }

  @Test
  void stickyHashingKeepsEachUserOnOneCluster() {
    Set<String> clustersSeen = new HashSet<>();
    for (int user = 0; user < 40; user++) {
      Set<String> servedThisUser = new HashSet<>();
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> response = gateway.get("/sticky/orders", "X-Device-Id", "device-" + user);
        assertThat(response.statusCode()).isEqualTo(200);
        servedThisUser.add(response.body());
      }
      assertThat(servedThisUser).as("user-" + user).hasSize(1);
      clustersSeen.addAll(servedThisUser);
    }
    // 50/50 over 40 users: both versions serve someone.
    assertThat(clustersSeen).containsExactlyInAnyOrder("orders-v1", "orders-v2");
  }

  @Test
  void accessLogAndMetricsShowTheChosenCluster() {
    gateway.get("/beta/orders", "X-Beta", "true", "X-Request-Id", "split-log-1");

    JsonObject line = AccessLogs.line(gateway, "split-log-1");
    assertThat(line.getString("route")).isEqualTo("beta");
    assertThat(line.getString("cluster")).isEqualTo("orders-v2");
    assertThat(line.getString("passport")).contains("split").contains("orders-v2 by rules[0]");

    String scrape = Metrics.scrape(gateway);
    assertThat(Metrics.value(scrape, "gateway_requests_seconds_count", "route", "beta", "cluster", "orders-v2",
        "status_class", "2xx")).isGreaterThanOrEqualTo(1.0);
    assertThat(Metrics.value(scrape, "gateway_traffic_split_decisions_total", "route", "beta", "cluster",
        "orders-v2", "reason", "rule")).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void theChosenClustersOwnResilienceApplies() {
    HttpResponse<String> response = gateway.get("/beta/orders", "X-Broken", "yes", "X-Request-Id", "split-down-1");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(Problems.detail(response)).contains("orders-down");
    assertThat(AccessLogs.line(gateway, "split-down-1").getString("cluster")).isEqualTo("orders-down");
    assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_upstream_attempts_total", "cluster", "orders-down",
        "outcome", "connect_failure")).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void adminReadsTheCurrentSplit() {
    HttpResponse<String> response = admin("GET", "/admin/routes/beta/traffic", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("route")).isEqualTo("beta");
    assertThat(body.getString("source")).isEqualTo("file");
    assertThat(body.getJsonObject("weights").getMap()).containsExactly(Map.entry("orders-v1", 100),
        Map.entry("orders-v2", 0));
    assertThat(body.getJsonArray("rules")).hasSize(4);
    assertThat(body.getJsonArray("rules").getJsonObject(0).getString("header")).isEqualTo("X-Beta");
    assertThat(body.getJsonArray("targets").getList()).containsExactly("orders-v1", "orders-v2", "orders-down");
  }

  @Test
  void adminApiNeedsTheBearerToken() {
    for (String token : new String[] {null, "wrong-token-0123456789"}) {
      assertThat(admin("GET", "/admin/routes/validated/traffic", null, token).statusCode()).isEqualTo(401);
      HttpResponse<String> put = admin("PUT", "/admin/routes/validated/traffic",
          "{\"weights\": {\"orders-v1\": 0, \"orders-v2\": 100}}", token);
      assertThat(put.statusCode()).isEqualTo(401);
      assertThat(Problems.type(put)).isEqualTo("unauthorized");
      assertThat(admin("DELETE", "/admin/routes/validated/traffic", null, token).statusCode()).isEqualTo(401);
    }
    assertThat(served0("/validated/orders")).isEqualTo("orders-v1");
  }

  @Test
  void adminRefusesInvalidSplitsNamingTheField() {
    String path = "/admin/routes/validated/traffic";
    HttpResponse<String> negative = admin("PUT", path, "{\"weights\": {\"orders-v1\": 50, \"orders-v2\": -1}}");
    assertThat(negative.statusCode()).isEqualTo(422);
    assertThat(negative.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Problems.type(negative)).isEqualTo("invalid-traffic-split");
    assertThat(field(negative)).isEqualTo("weights.orders-v2");

    HttpResponse<String> zero = admin("PUT", path, "{\"weights\": {\"orders-v1\": 0, \"orders-v2\": 0}}");
    assertThat(zero.statusCode()).isEqualTo(422);
    assertThat(field(zero)).isEqualTo("weights");

    HttpResponse<String> unknown = admin("PUT", path, "{\"weights\": {\"orders-v1\": 50, \"payments\": 50}}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(field(unknown)).isEqualTo("weights.payments");
    assertThat(Problems.detail(unknown)).contains("not a target of route 'validated'");

    HttpResponse<String> notANumber = admin("PUT", path, "{\"weights\": {\"orders-v1\": \"lots\"}}");
    assertThat(notANumber.statusCode()).isEqualTo(422);
    assertThat(field(notANumber)).isEqualTo("weights.orders-v1");

    HttpResponse<String> fraction = admin("PUT", path, "{\"weights\": {\"orders-v1\": 0.5}}");
    assertThat(fraction.statusCode()).isEqualTo(422);
    assertThat(field(fraction)).isEqualTo("weights.orders-v1");

    HttpResponse<String> badRule = admin("PUT", path,
        "{\"rules\": [{\"header\": \"X-Beta\", \"regex\": \"(\", \"cluster\": \"orders-v2\"}]}");
    assertThat(badRule.statusCode()).isEqualTo(422);
    assertThat(field(badRule)).isEqualTo("rules[0].regex");

    HttpResponse<String> typo = admin("PUT", path, "{\"weight\": {\"orders-v1\": 1}}");
    assertThat(typo.statusCode()).isEqualTo(422);
    assertThat(field(typo)).isEqualTo("weight");

    HttpResponse<String> malformed = admin("PUT", path, "{\"weights\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(Problems.type(malformed)).isEqualTo("bad-request");
    assertThat(admin("PUT", path, "[1, 2]").statusCode()).isEqualTo(400);
    assertThat(admin("PUT", path, "{}").statusCode()).isEqualTo(400);
    assertThat(admin("PUT", path, "{\"weights\": {\"orders-v1\": 1}, \"pad\": \"" + "x".repeat(70_000) + "\"}")
        .statusCode()).isEqualTo(413);

    // Nothing refused was applied.
    JsonObject current = new JsonObject(admin("GET", path, null).body());
    assertThat(current.getString("source")).isEqualTo("file");
    assertThat(served0("/validated/orders")).isEqualTo("orders-v1");
  }

  @Test
  void unknownRoutesAndRoutesWithoutASplitAreNotFound() {
    HttpResponse<String> unknown = admin("GET", "/admin/routes/nope/traffic", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Problems.detail(unknown)).contains("No route named 'nope'");
    assertThat(admin("PUT", "/admin/routes/nope/traffic", "{\"weights\": {\"a\": 1}}").statusCode()).isEqualTo(404);

    HttpResponse<String> plain = admin("GET", "/admin/routes/plain/traffic", null);
    assertThat(plain.statusCode()).isEqualTo(404);
    assertThat(Problems.detail(plain)).contains("no traffic-split policy");

    HttpResponse<String> post = admin("POST", "/admin/routes/beta/traffic", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, PUT, DELETE");
  }

  @Test
  void putKeepsOmittedFieldsAndDeleteReturnsToTheFile() {
    String path = "/admin/routes/resettable/traffic";
    HttpResponse<String> put = admin("PUT", path, "{\"weights\": {\"orders-v1\": 0, \"orders-v2\": 100}}");
    assertThat(put.statusCode()).isEqualTo(200);
    JsonObject changed = new JsonObject(put.body());
    assertThat(changed.getString("source")).isEqualTo("admin");
    assertThat(changed.getJsonArray("rules")).hasSize(1);
    assertThat(changed.getJsonObject("file").getJsonObject("weights").getInteger("orders-v1")).isEqualTo(100);
    assertThat(served0("/resettable/orders")).isEqualTo("orders-v2");

    HttpResponse<String> rulesOnly = admin("PUT", path, "{\"rules\": []}");
    assertThat(rulesOnly.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(rulesOnly.body()).getJsonObject("weights").getInteger("orders-v2")).isEqualTo(100);

    HttpResponse<String> reset = admin("DELETE", path, null);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(reset.body()).getString("source")).isEqualTo("file");
    assertThat(served0("/resettable/orders")).isEqualTo("orders-v1");
    assertThat(gateway.get("/resettable/orders", "X-Beta", "true").body()).isEqualTo("orders-v2");
  }

  @Test
  void adminChangeTakesEffectAtOnceUnderLoadWithoutFailingARequest() throws Exception {
    record Sent(long startNanos, long endNanos, int status, String body) {}
    ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      clients.add(pool.submit(() -> {
        while (running.get()) {
          long start = System.nanoTime();
          HttpResponse<String> response = gateway.get("/live/orders");
          sent.add(new Sent(start, System.nanoTime(), response.statusCode(), response.body()));
        }
        return null;
      }));
    }
    try {
      Thread.sleep(300);
      // Flip back and forth while requests fly, then settle on all traffic to v2.
      for (int i = 0; i < 10; i++) {
        String weights = i % 2 == 0 ? "{\"orders-v1\": 0, \"orders-v2\": 100}" : "{\"orders-v1\": 50, \"orders-v2\": 50}";
        assertThat(admin("PUT", "/admin/routes/live/traffic", "{\"weights\": " + weights + "}").statusCode())
            .isEqualTo(200);
        Thread.sleep(30);
      }
      long putStart = System.nanoTime();
      assertThat(admin("PUT", "/admin/routes/live/traffic", "{\"weights\": {\"orders-v1\": 0, \"orders-v2\": 100}}")
          .statusCode()).isEqualTo(200);
      long putDone = System.nanoTime();
      Thread.sleep(300);
      running.set(false);
      for (Future<?> client : clients) client.get();

      assertThat(sent).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
      List<Sent> after = sent.stream().filter(s -> s.startNanos() > putDone).toList();
      List<Sent> beforeAnyChange = sent.stream().filter(s -> s.endNanos() < putStart).toList();
      assertThat(after).hasSizeGreaterThan(20).allSatisfy(s -> assertThat(s.body()).isEqualTo("orders-v2"));
      assertThat(beforeAnyChange).hasSizeGreaterThan(20);
      assertThat(beforeAnyChange.get(0).body()).isEqualTo("orders-v1");
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
  }
}
