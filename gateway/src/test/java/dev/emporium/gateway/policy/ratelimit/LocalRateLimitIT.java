package dev.emporium.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rate-limit policy with local state: exact counts, keys, several limits, headers, metrics. */
class LocalRateLimitIT {

  private TestUpstream upstream;

  @BeforeEach
  void startUpstream() {
    upstream = TestUpstream.fixed(200, "ok");
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private String config(String policies) {
    return """
        server:
          eventLoops: 2
          watchConfig: false
          drainTimeout: 200ms
          trustedProxies: [127.0.0.1/32]
        routes:
          - name: limited
            match:
              path: /limited
            cluster: svc
            policies:
        %s
          - name: free
            match:
              path: /free
            cluster: svc
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(policies.indent(6).stripTrailing(), upstream.address());
  }

  private GatewayHarness start(String policies) {
    return GatewayHarness.start(config(policies), o -> o.withPolicies(TestIdentity.registry(new RateLimitFactory())));
  }

  private static int status(GatewayHarness gateway, String... headers) {
    return gateway.get("/limited", headers).statusCode();
  }

  @Test
  void tokenBucketAdmitsItsCapacityThenRefusesUntilRefilled() throws Exception {
    try (GatewayHarness gateway = start("""
        - rate-limit:
            limits:
              - {name: per-ip, key: ip, capacity: 5, period: 2s, refill: interval}
        """)) {
      for (int i = 0; i < 5; i++) assertThat(status(gateway)).as("request %d", i + 1).isEqualTo(200);
      HttpResponse<String> refused = gateway.get("/limited");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(Problems.type(refused)).isEqualTo("rate-limited");
      assertThat(Problems.detail(refused)).contains("'per-ip'").contains("5 requests per 2s per ip");
      assertThat(refused.headers().firstValue("Retry-After")).contains("2");
      assertThat(upstream.requestCount()).isEqualTo(5);

      Thread.sleep(2100);
      for (int i = 0; i < 5; i++) assertThat(status(gateway)).as("after refill, request %d", i + 1).isEqualTo(200);
      assertThat(status(gateway)).isEqualTo(429);
    }
  }

  @Test
  void greedyRefillGivesTokensBackOneAtATime() throws Exception {
    try (GatewayHarness gateway = start("""
        - rate-limit:
            limits:
              - {key: route, capacity: 3, period: 3s}
        """)) {
      for (int i = 0; i < 3; i++) assertThat(status(gateway)).isEqualTo(200);
      HttpResponse<String> refused = gateway.get("/limited");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).contains("1");

      Thread.sleep(1050);
      assertThat(status(gateway)).as("one token back after a second").isEqualTo(200);
      assertThat(status(gateway)).isEqualTo(429);
    }
  }

  @Test
  void slidingWindowAdmitsItsCapacityThenRefusesUntilTheWindowSlides() throws Exception {
    try (GatewayHarness gateway = start("""
        - rate-limit:
            limits:
              - {name: window, key: ip, algorithm: sliding-window, capacity: 5, period: 2s}
        """)) {
      for (int i = 0; i < 5; i++) assertThat(status(gateway)).as("request %d", i + 1).isEqualTo(200);
      HttpResponse<String> refused = gateway.get("/limited");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(Problems.detail(refused)).contains("'window'");
      // A request passes again once a fifth of the five has slid out: within two periods.
      assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 4L);

      Thread.sleep(4050);
      for (int i = 0; i < 5; i++) assertThat(status(gateway)).as("after two windows, request %d", i + 1).isEqualTo(200);
      assertThat(status(gateway)).isEqualTo(429);
    }
  }

  @Test
  void eachUserHasABucketOfTheirOwnAndAClientCannotClaimAnother() {
    try (GatewayHarness gateway = start("""
        - test-identity: {}
        - rate-limit:
            limits:
              - {name: per-user, capacity: 2, period: 1m}
        """)) {
      assertThat(status(gateway, "X-Test-Subject", "alice")).isEqualTo(200);
      assertThat(status(gateway, "X-Test-Subject", "alice")).isEqualTo(200);
      assertThat(status(gateway, "X-Test-Subject", "alice")).isEqualTo(429);
      // A copy of X-User-Id the client sends is not the verified subject.
      assertThat(status(gateway, "X-Test-Subject", "alice", "X-User-Id", "bob")).isEqualTo(429);

      assertThat(status(gateway, "X-Test-Subject", "bob")).isEqualTo(200);
      assertThat(status(gateway, "X-Test-Subject", "bob")).isEqualTo(200);
      assertThat(status(gateway, "X-Test-Subject", "bob")).isEqualTo(429);
    }
  }

  @Test
  void withoutAVerifiedUserTheClientAddressCounts() {
    try (GatewayHarness gateway = start("""
        - test-identity: {}
        - rate-limit:
            limits:
              - {name: per-user, capacity: 2, period: 1m}
        """)) {
      // Anonymous requests, even ones naming a user themselves, count per address.
      assertThat(status(gateway, "X-User-Id", "carol", "X-Forwarded-For", "192.0.2.1")).isEqualTo(200);
      assertThat(status(gateway, "X-Forwarded-For", "192.0.2.1")).isEqualTo(200);
      assertThat(status(gateway, "X-Forwarded-For", "192.0.2.1")).isEqualTo(429);
      assertThat(status(gateway, "X-Forwarded-For", "192.0.2.2")).isEqualTo(200);
      // A user whose name is an address does not share that address's bucket.
      assertThat(status(gateway, "X-Test-Subject", "192.0.2.1", "X-Forwarded-For", "192.0.2.1")).isEqualTo(200);
    }
  }

  @Test
  void withoutAVerifiedUserTheRequestCanBeRefused() {
    try (GatewayHarness gateway = start("""
        - test-identity: {}
        - rate-limit:
            limits:
              - {name: per-user, capacity: 5, period: 1m, whenMissing: refuse}
        """)) {
      HttpResponse<String> refused = gateway.get("/limited", "X-User-Id", "mallory");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(Problems.type(refused)).isEqualTo("rate-limit-key-missing");
      assertThat(Problems.detail(refused)).contains("'per-user'").contains("X-User-Id");
      assertThat(upstream.requestCount()).isZero();
      assertThat(status(gateway, "X-Test-Subject", "alice")).isEqualTo(200);
      assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_rate_limit_decisions_total",
          "route", "limited", "limit", "per-user", "decision", "refused")).isEqualTo(1.0);
    }
  }

  @Test
  void keysByClientAddressConsumerAndNamedHeader() {
    try (GatewayHarness gateway = start("""
        - test-identity: {}
        - rate-limit:
            limits:
              - {name: per-consumer, key: consumer, capacity: 1, period: 1m}
        - rate-limit:
            limits:
              - {name: per-tenant, key: header, header: X-Tenant, capacity: 2, period: 1m}
        """)) {
      assertThat(status(gateway, "X-Test-Consumer", "shop-a", "X-Tenant", "t1")).isEqualTo(200);
      assertThat(status(gateway, "X-Test-Consumer", "shop-a", "X-Tenant", "t2")).isEqualTo(429);
      assertThat(status(gateway, "X-Test-Consumer", "shop-b", "X-Tenant", "t1")).isEqualTo(200);
      HttpResponse<String> tenant = gateway.get("/limited", "X-Test-Consumer", "shop-c", "X-Tenant", "t1");
      assertThat(tenant.statusCode()).isEqualTo(429);
      assertThat(Problems.detail(tenant)).contains("'per-tenant'");
    }
    try (GatewayHarness gateway = start("""
        - rate-limit:
            limits:
              - {name: per-ip, key: ip, capacity: 1, period: 1m}
        """)) {
      assertThat(status(gateway, "X-Forwarded-For", "198.51.100.7")).isEqualTo(200);
      assertThat(status(gateway, "X-Forwarded-For", "198.51.100.7")).isEqualTo(429);
      assertThat(status(gateway, "X-Forwarded-For", "198.51.100.8")).isEqualTo(200);
      assertThat(status(gateway, "X-Forwarded-For", "2001:db8::1")).isEqualTo(200);
    }
  }

  @Test
  void everyLimitOfTheRouteMustPass() {
    try (GatewayHarness gateway = start("""
        - test-identity: {}
        - rate-limit:
            limits:
              - {name: per-user, capacity: 3, period: 1m}
              - {name: per-ip, key: ip, capacity: 5, period: 1m}
        """)) {
      for (int i = 0; i < 3; i++) assertThat(status(gateway, "X-Test-Subject", "alice")).isEqualTo(200);
      HttpResponse<String> alice = gateway.get("/limited", "X-Test-Subject", "alice");
      assertThat(alice.statusCode()).isEqualTo(429);
      assertThat(Problems.detail(alice)).contains("'per-user'");

      // Bob has his own user bucket but shares the address, which has two requests left.
      HttpResponse<String> first = gateway.get("/limited", "X-Test-Subject", "bob");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("RateLimit-Limit")).contains("5");
      assertThat(first.headers().firstValue("RateLimit-Remaining")).contains("0");
      HttpResponse<String> bob = gateway.get("/limited", "X-Test-Subject", "bob");
      assertThat(bob.statusCode()).isEqualTo(429);
      assertThat(Problems.detail(bob)).contains("'per-ip'");
      assertThat(bob.headers().firstValue("RateLimit-Limit")).contains("5");
      assertThat(bob.headers().firstValue("RateLimit-Policy")).contains("3;w=60, 5;w=60");

      String scrape = Metrics.scrape(gateway);
      assertThat(Metrics.value(scrape, "gateway_rate_limit_decisions_total",
          "route", "limited", "limit", "per-user", "decision", "allowed")).isEqualTo(5.0);
      assertThat(Metrics.value(scrape, "gateway_rate_limit_decisions_total",
          "route", "limited", "limit", "per-user", "decision", "limited")).isEqualTo(1.0);
      assertThat(Metrics.value(scrape, "gateway_rate_limit_decisions_total",
          "route", "limited", "limit", "per-ip", "decision", "limited")).isEqualTo(1.0);
    }
  }

  @Test
  void everyResponseOfALimitedRouteCarriesTheRateLimitHeaders() {
    try (GatewayHarness gateway = start("""
        - rate-limit:
            limits:
              - {name: per-ip, key: ip, capacity: 3, period: 10s, refill: interval}
        """)) {
      for (int remaining = 2; remaining >= 0; remaining--) {
        HttpResponse<String> ok = gateway.get("/limited");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(remaining));
        assertThat(Long.parseLong(ok.headers().firstValue("RateLimit-Reset").orElseThrow())).isBetween(9L, 10L);
        assertThat(ok.headers().firstValue("RateLimit-Policy")).contains("3;w=10");
      }
      HttpResponse<String> refused = gateway.get("/limited");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
      long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retry).isBetween(9L, 10L);
      assertThat(refused.headers().firstValue("RateLimit-Reset")).contains(Long.toString(retry));

      HttpResponse<String> free = gateway.get("/free");
      assertThat(free.statusCode()).isEqualTo(200);
      assertThat(free.headers().firstValue("RateLimit-Limit")).isEmpty();
    }
  }

  @Test
  void headersCanBeTurnedOff() {
    try (GatewayHarness gateway = start("""
        - rate-limit:
            headers: false
            limits:
              - {key: ip, capacity: 1, period: 1m}
        """)) {
      assertThat(gateway.get("/limited").headers().firstValue("RateLimit-Limit")).isEmpty();
      HttpResponse<String> refused = gateway.get("/limited");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("RateLimit-Limit")).isEmpty();
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void aReloadThatKeepsTheLimitKeepsItsCounts() {
    String policy = """
        - rate-limit:
            limits:
              - {key: ip, capacity: 2, period: 1m}
        """;
    try (GatewayHarness gateway = start(policy)) {
      assertThat(status(gateway)).isEqualTo(200);
      assertThat(status(gateway)).isEqualTo(200);
      assertThat(status(gateway)).isEqualTo(429);

      gateway.writeConfig(config(policy).replace("path: /free", "path: /free2"));
      assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(gateway.get("/free2").statusCode()).isEqualTo(200);
      assertThat(status(gateway)).as("still limited after the reload").isEqualTo(429);

      gateway.writeConfig(config(policy.replace("capacity: 2", "capacity: 3")));
      assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(status(gateway)).as("a changed limit starts afresh").isEqualTo(200);
    }
  }

  @Test
  void theDefaultLimitIsAThousandPerMinute() {
    try (GatewayHarness gateway = start("- rate-limit: {}")) {
      HttpResponse<String> response = gateway.get("/limited");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("RateLimit-Limit")).contains("1000");
      assertThat(response.headers().firstValue("RateLimit-Remaining")).contains("999");
      assertThat(response.headers().firstValue("RateLimit-Policy")).contains("1000;w=60");
    }
  }

  @Test
  void badSettingsAreRefusedAtLoadNamingTheField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("""
        - rate-limit:
            limits:
              - {capacity: -1}
        """))
        .hasMessageContaining("routes[0].policies[0].rate-limit")
        .hasMessageContaining("capacity must be between 1");
  }

  static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
