package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real gateway in front of a tiny upstream, driven through every situation the rules and the
 * gateway dashboard watch (200s, slow answers, 5xx, an open breaker, 429s, cache hits, a reload),
 * then scraped from its admin port as Prometheus scrapes it.
 */
class GatewayScrapeIT {

  static TinyUpstream upstream;
  static LiveGateway gateway;
  static Exposition scrape;

  @BeforeAll
  static void driveTrafficAndScrape() {
    upstream = TinyUpstream.start();
    // A cache of 1 KiB: a dozen different answers overflow it, so evictions are counted too.
    gateway = LiveGateway.start("""
        cache:
          maxSize: 1KiB
        routes:
          - name: shop
            match: {path: /shop/**}
            cluster: shop
            policies:
              - cache: {ttl: 1m}
          - name: limited
            match: {path: /limited/**}
            cluster: shop
            policies:
              - rate-limit:
                  limits:
                    - {name: per-ip, key: ip, capacity: 2, period: 1h}
          - name: broken
            match: {path: /broken/**}
            cluster: broken
        clusters:
          - name: shop
            endpoints: [{address: %1$s}]
          - name: broken
            endpoints: [{address: %1$s}]
            retry: {retries: 0}
            circuitBreaker: {failureRateThreshold: 50, slidingWindowSize: 4, minimumCalls: 4, openDuration: 1m}
        """.formatted(upstream.address()));
    for (int i = 0; i < 3; i++) assertThat(gateway.get("/shop/item")).isEqualTo(200);
    for (int i = 0; i < 12; i++) assertThat(gateway.get("/shop/other-" + i)).isEqualTo(200);
    assertThat(gateway.get("/shop/slow")).isEqualTo(200);
    List<Integer> limited = new ArrayList<>();
    for (int i = 0; i < 4; i++) limited.add(gateway.get("/limited/x"));
    assertThat(limited).containsExactly(200, 200, 429, 429);
    List<Integer> broken = new ArrayList<>();
    for (int i = 0; i < 6; i++) broken.add(gateway.get("/broken/fail"));
    assertThat(broken).as("500s until the breaker opens, then 503 circuit-open").startsWith(500, 500, 500, 500)
        .endsWith(503);
    assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
    // Caffeine counts evictions as it maintains itself, a moment after the write that caused them.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    do {
      scrape = Exposition.parse(gateway.scrape());
    } while (!scrape.names().contains("gateway_cache_evictions_total") && System.nanoTime() < deadline);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) gateway.close();
    if (upstream != null) upstream.close();
  }

  /** What the gateway's part of the rules and of its dashboard read. */
  static List<String> gatewayExprs() {
    List<String> exprs = new ArrayList<>();
    ObservabilityFiles.rules().stream().map(ObservabilityFiles.Rule::expr)
        .filter(e -> PromQl.metricNames(e).stream().anyMatch(n -> n.startsWith("gateway_"))).forEach(exprs::add);
    ObservabilityFiles.dashboardQueries().stream()
        .filter(q -> q.file().getFileName().toString().equals("gateway.json") || q.expr().contains("gateway_"))
        .map(ObservabilityFiles.Query::expr).forEach(exprs::add);
    return exprs;
  }

  @Test
  void metricsAreOpenOnTheAdminPortWhileTheAdminApiNeedsTheToken() {
    assertThat(gateway.admin("GET", "/metrics", false).statusCode()).isEqualTo(200);
    assertThat(gateway.admin("GET", "/metrics", false).headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    assertThat(gateway.admin("GET", "/admin/clusters", false).statusCode()).isEqualTo(401);
    assertThat(gateway.admin("GET", "/admin/clusters", true).statusCode()).isEqualTo(200);
  }

  @Test
  void everyGatewayMetricTheRulesAndDashboardsReadIsInTheScrape() {
    Set<String> used = new TreeSet<>();
    Set<String> recorded = ObservabilityFiles.recordedNames();
    for (String expr : gatewayExprs()) {
      PromQl.metricNames(PromQl.fromGrafana(expr)).stream()
          .filter(n -> !recorded.contains(n) && !n.equals("up")).forEach(used::add);
    }
    assertThat(used).as("names read").contains("gateway_requests_seconds_bucket", "gateway_circuit_breaker_state",
        "gateway_rate_limit_decisions_total", "gateway_cache_requests_total", "gateway_endpoint_healthy");

    assertThat(ScrapeCheck.missingNames(used, scrape)).as("read by rules or dashboards, absent from the scrape").isEmpty();
  }

  @Test
  void everyLabelTheGatewayQueriesMatchOnIsThereWithTheValuesTheyExpect() {
    assertThat(ScrapeCheck.unmatchedLabels(gatewayExprs(), scrape, true)).isEmpty();
  }

  @Test
  void theTrafficShowsUpWhereTheSloRulesLookForIt() {
    assertThat(scrape.sum("gateway_requests_seconds_count", Map.of("route", "broken", "status_class", "5xx")))
        .isEqualTo(6.0);
    assertThat(scrape.sum("gateway_requests_seconds_count", Map.of("route", "shop", "status_class", "2xx")))
        .isEqualTo(16.0);
    // The latency SLO's bucket holds the fast answers, not the slow one (600 ms); a cold first
    // request on a busy machine may be slow too.
    assertThat(scrape.sum("gateway_requests_seconds_bucket", Map.of("route", "shop", "le", "0.5")))
        .isBetween(12.0, 15.0);
    assertThat(scrape.sum("gateway_requests_seconds_bucket", Map.of("route", "shop", "le", "+Inf"))).isEqualTo(16.0);
    assertThat(scrape.sum("gateway_circuit_breaker_state", Map.of("cluster", "broken", "state", "open"))).isEqualTo(1.0);
    assertThat(scrape.sum("gateway_rate_limit_decisions_total", Map.of("route", "limited", "decision", "limited")))
        .isEqualTo(2.0);
    assertThat(scrape.sum("gateway_cache_requests_total", Map.of("route", "shop", "result", "hit"))).isPositive();
    assertThat(scrape.sum("gateway_config_reloads_total", Map.of("result", "applied"))).isEqualTo(1.0);
  }
}
