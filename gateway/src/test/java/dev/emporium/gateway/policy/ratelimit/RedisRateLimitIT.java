package dev.emporium.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate-limit policy with Redis state, against a {@code redis-server} of the test's own that it
 * can kill or freeze: counts shared exactly between gateway instances, fail open and fail closed,
 * requests bounded by the Redis timeout, and the connection's life across reloads.
 */
class RedisRateLimitIT {

  /** A bucket of 1,000 for the whole route that does not refill during a test. */
  private static final String THOUSAND_PER_ROUTE = "{name: shared, key: route, capacity: 1000, period: 1m, refill: interval}";

  private RedisServer redis;
  private TestUpstream upstream;
  private String prefix;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    upstream = TestUpstream.fixed(200, "ok");
    prefix = RedisServer.uniquePrefix();
  }

  @AfterEach
  void stop() {
    upstream.close();
    redis.close();
  }

  private String config(String uri, String limit, String settings) {
    return config(uri, limit, settings, "150ms");
  }

  /**
   * @param timeout the Redis call timeout: short where a test stops Redis, generous where it
   *     counts exact decisions (a decision that times out on a loaded machine falls back to local)
   */
  private String config(String uri, String limit, String settings, String timeout) {
    return config(uri, limit, settings, timeout, null);
  }

  /** @param syncShare {@code redis.syncShare}, or null for its default */
  private String config(String uri, String limit, String settings, String timeout, String syncShare) {
    String sync = syncShare == null ? "" : "\n            syncShare: \"" + syncShare + "\"";
    return """
        server:
          eventLoops: 2
          watchConfig: false
          drainTimeout: 200ms
        routes:
          - name: limited
            match:
              path: /limited
            cluster: svc
            policies:
              - rate-limit:
                  state: redis
                  redis:
                    uri: %s
                    keyPrefix: "%s"
                    timeout: %s
                    connectTimeout: 2s%s
        %s
                  limits:
                    - %s
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(uri, prefix, timeout, sync, settings.indent(10).stripTrailing(), limit,
            upstream.address());
  }

  private String config(String limit, String settings) {
    return config(redis.uri(), limit, settings);
  }

  private GatewayHarness gateway(String yaml) {
    return GatewayHarness.start(yaml, o -> o.withPolicies(TestIdentity.registry(new RateLimitFactory())));
  }

  /** Sends {@code perGateway} requests to each gateway at once, from several threads; counts the 200s. */
  private static int concurrentlyAllowed(int perGateway, GatewayHarness... gateways) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < perGateway; i++) {
        for (GatewayHarness g : gateways) statuses.add(pool.submit(() -> g.get("/limited").statusCode()));
      }
      int allowed = 0;
      for (Future<Integer> s : statuses) {
        int status = s.get();
        assertThat(status).isIn(200, 429);
        if (status == 200) allowed++;
      }
      return allowed;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double metric(GatewayHarness g, String name, String... labels) {
    double v = Metrics.value(Metrics.scrape(g), name, labels);
    return Double.isNaN(v) ? 0 : v;
  }

  /** A metric's value summed over both instances sharing a limit. */
  private static double both(GatewayHarness a, GatewayHarness b, String name, String... labels) {
    return metric(a, name, labels) + metric(b, name, labels);
  }

  @Test
  void twoGatewaysShareOneTokenBucketExactly() throws Exception {
    String yaml = config(redis.uri(), "{name: shared, key: route, capacity: 10, period: 1m, refill: interval}", "", "5s");
    try (GatewayHarness a = gateway(yaml); GatewayHarness b = gateway(yaml)) {
      assertThat(concurrentlyAllowed(15, a, b)).isEqualTo(10);
      assertThat(upstream.requestCount()).isEqualTo(10);
      double allowedA = metric(a, "gateway_rate_limit_decisions_total", "limit", "shared", "decision", "allowed");
      double allowedB = metric(b, "gateway_rate_limit_decisions_total", "limit", "shared", "decision", "allowed");
      assertThat(allowedA + allowedB).isEqualTo(10.0);
      assertThat(allowedA).as("both instances admitted some").isPositive();
      assertThat(allowedB).as("both instances admitted some").isPositive();
      assertThat(both(a, b, "gateway_rate_limit_backend_failures_total")).isZero();
    }
  }

  @Test
  void withASyncShareInstancesDecideMostRequestsThemselvesAndOvershootByAtMostTheirShare() throws Exception {
    // 2% of 1,000: each instance may admit 20 requests before telling Redis; nothing refills during the test.
    String yaml = config(redis.uri(), THOUSAND_PER_ROUTE, "", "5s", "2%");
    try (GatewayHarness a = gateway(yaml); GatewayHarness b = gateway(yaml)) {
      long commandsBefore = redisCommands();
      int allowed = concurrentlyAllowed(700, a, b);
      long commands = redisCommands() - commandsBefore;

      assertThat(allowed).as("the limit, plus at most one share per instance").isBetween(1000, 1040);
      assertThat(upstream.requestCount()).isEqualTo(allowed);
      assertThat(both(a, b, "gateway_rate_limit_unsynchronized_decisions_total", "limit", "shared"))
          .as("decisions taken without a round trip").isGreaterThan(1400 * 0.5);
      assertThat(commands).as("Redis commands for 1,400 decisions").isLessThan(1400 / 2);
      assertThat(both(a, b, "gateway_rate_limit_backend_failures_total")).isZero();
    }
  }

  @Test
  void withoutASyncShareEveryDecisionGoesToRedis() throws Exception {
    String yaml = config(redis.uri(), THOUSAND_PER_ROUTE, "", "5s", "0%");
    try (GatewayHarness a = gateway(yaml)) {
      for (int i = 0; i < 30; i++) assertThat(a.get("/limited").statusCode()).isEqualTo(200);
      assertThat(metric(a, "gateway_rate_limit_unsynchronized_decisions_total", "limit", "shared")).isZero();
      HttpResponse<String> last = a.get("/limited");
      assertThat(last.headers().firstValue("RateLimit-Remaining")).contains("969");
    }
  }

  /** Commands Redis has run for clients so far, the test's own INFO, KEYS and CLIENT calls aside. */
  private long redisCommands() {
    String stats = (String) redis.command("INFO", "commandstats");
    long calls = 0;
    for (String line : stats.lines().toList()) {
      if (!line.startsWith("cmdstat_") || line.startsWith("cmdstat_info:") || line.startsWith("cmdstat_keys:")
          || line.startsWith("cmdstat_client")) {
        continue;
      }
      int at = line.indexOf("calls=");
      calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
    }
    return calls;
  }

  @Test
  void twoGatewaysShareOneSlidingWindowExactly() throws Exception {
    String yaml = config(redis.uri(), "{name: shared, key: ip, algorithm: sliding-window, capacity: 12, period: 1m}", "", "5s");
    try (GatewayHarness a = gateway(yaml); GatewayHarness b = gateway(yaml)) {
      assertThat(concurrentlyAllowed(15, a, b)).isEqualTo(12);
      HttpResponse<String> refused = b.get("/limited");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
      assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 120L);
    }
  }

  @Test
  void countsLiveInRedisUnderThePrefixAndExpire() {
    try (GatewayHarness g = gateway(config("{name: per-ip, key: ip, capacity: 5, period: 10s}", ""))) {
      HttpResponse<String> response = g.get("/limited");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("RateLimit-Remaining")).contains("4");

      List<String> keys = redis.keys(prefix + "*");
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0)).startsWith(prefix + "limited:per-ip:").endsWith(":ip:127.0.0.1");
      long ttl = (Long) redis.command("PTTL", keys.get(0));
      assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30).toMillis());
    }
  }

  @Test
  void redisKilledMidTestFailsOpenToTheLocalLimit() {
    try (GatewayHarness g = gateway(config("{name: per-ip, key: ip, capacity: 3, period: 1m, refill: interval}",
        "failureMode: open"))) {
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      assertThat(metric(g, "gateway_rate_limit_backend_failures_total", "route", "limited", "mode", "open")).isZero();

      redis.kill();

      // The local limit of the same settings decides now: three more, then 429; none waits long.
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        statuses.add(g.get("/limited").statusCode());
        assertThat(LocalRateLimitIT.elapsed(start)).isLessThan(Duration.ofSeconds(1));
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      assertThat(metric(g, "gateway_rate_limit_backend_failures_total", "route", "limited", "mode", "open"))
          .isEqualTo(5.0);
      assertThat(metric(g, "gateway_rate_limit_decisions_total", "limit", "per-ip", "decision", "allowed"))
          .isEqualTo(5.0);
    }
  }

  @Test
  void redisKilledMidTestFailsClosedWithA503() {
    try (GatewayHarness g = gateway(config("{name: per-ip, key: ip, capacity: 3, period: 1m}", "failureMode: closed"))) {
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);

      redis.kill();

      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        HttpResponse<String> refused = g.get("/limited");
        assertThat(LocalRateLimitIT.elapsed(start)).isLessThan(Duration.ofSeconds(1));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Problems.type(refused)).isEqualTo("rate-limit-unavailable");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
      }
      assertThat(upstream.requestCount()).isEqualTo(1);
      assertThat(metric(g, "gateway_rate_limit_backend_failures_total", "route", "limited", "mode", "closed"))
          .isEqualTo(3.0);
    }
  }

  @Test
  void aHungRedisCostsARequestNoMoreThanTheTimeout() {
    // Every decision in Redis (syncShare 0%): a request decided from the instance's copy would not wait.
    try (GatewayHarness open = gateway(config(redis.uri(), "{name: per-ip, key: ip, capacity: 100, period: 1m}",
        "failureMode: open", "150ms", "0%"))) {
      assertThat(open.get("/limited").statusCode()).isEqualTo(200);
      assertThat(redis.keys(prefix + "*")).hasSize(1);

      redis.pause();
      try {
        for (int i = 0; i < 3; i++) {
          long start = System.nanoTime();
          HttpResponse<String> response = open.get("/limited");
          Duration took = LocalRateLimitIT.elapsed(start);
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(140)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(metric(open, "gateway_rate_limit_backend_failures_total", "mode", "open")).isEqualTo(3.0);
      } finally {
        redis.resume();
      }

      // Redis answers again: the shared count is used again and nothing more fails.
      TestUpstream.await(Duration.ofSeconds(5), () -> open.get("/limited").statusCode() == 200
          && metric(open, "gateway_rate_limit_backend_failures_total", "mode", "open") == 3.0, "Redis to answer again");
    }
  }

  @Test
  void aHungRedisFailsClosedWithinTheTimeout() {
    try (GatewayHarness closed = gateway(config(redis.uri(), "{name: per-ip, key: ip, capacity: 100, period: 1m}",
        "failureMode: closed", "150ms", "0%"))) {
      assertThat(closed.get("/limited").statusCode()).isEqualTo(200);
      redis.pause();
      try {
        long start = System.nanoTime();
        HttpResponse<String> response = closed.get("/limited");
        assertThat(LocalRateLimitIT.elapsed(start)).isLessThan(Duration.ofSeconds(1));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(metric(closed, "gateway_rate_limit_backend_failures_total", "mode", "closed")).isEqualTo(1.0);
      } finally {
        redis.resume();
      }
    }
  }

  @Test
  void countsGoBackToRedisWhenItReturns() {
    int port = RedisServer.freePort();
    String uri = "redis://127.0.0.1:" + port;
    try (GatewayHarness g = gateway(config(uri, "{name: per-ip, key: ip, capacity: 100, period: 1m}", ""));
        RedisServer late = RedisServer.on(port)) {
      // Nothing listens yet: the request is decided locally, promptly.
      long start = System.nanoTime();
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      assertThat(LocalRateLimitIT.elapsed(start)).isLessThan(Duration.ofSeconds(1));
      assertThat(metric(g, "gateway_rate_limit_backend_failures_total", "mode", "open")).isGreaterThanOrEqualTo(1.0);

      // The waits are generous bounds, not expectations: on a loaded machine the server's start,
      // the connection and its first script load can take seconds.
      late.launch();
      TestUpstream.await(Duration.ofSeconds(30), () -> g.get("/limited").statusCode() == 200
          && !late.keys(prefix + "*").isEmpty(), "the count to reach Redis once it listens");

      // A crash and a restart: Lettuce reconnects by itself.
      late.kill();
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      late.launch();
      TestUpstream.await(Duration.ofSeconds(30), () -> g.get("/limited").statusCode() == 200
          && !late.keys(prefix + "*").isEmpty(), "the count to reach the restarted Redis");
    }
  }

  /** Two routes limited in the same Redis, or both locally. */
  private String twoRoutes(boolean shared, int capacity) {
    String state = shared ? """
        state: redis
        redis: {uri: %s, keyPrefix: "%s", timeout: 150ms, connectTimeout: 2s}
        """.formatted(redis.uri(), prefix) : "";
    return """
        server:
          eventLoops: 2
          watchConfig: false
          drainTimeout: 200ms
        routes:
          - name: limited
            match:
              path: /limited
            cluster: svc
            policies:
              - rate-limit:
        %s
                  limits: [{key: ip, capacity: %d, period: 1m}]
          - name: other
            match:
              path: /other
            cluster: svc
            policies:
              - rate-limit:
        %s
                  limits: [{key: route, capacity: 100, period: 1m}]
        clusters:
          - name: svc
            endpoints:
              - address: %s
        """.formatted(state.indent(10).stripTrailing(), capacity, state.indent(10).stripTrailing(), upstream.address());
  }

  @Test
  void oneConnectionPerRedisClosedWhenNoConfigurationUsesItAnyMore() {
    RateLimitFactory factory = new RateLimitFactory();
    GatewayHarness g = GatewayHarness.start(twoRoutes(true, 100), o -> o.withPolicies(TestIdentity.registry(factory)));
    try {
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      assertThat(g.get("/other").statusCode()).isEqualTo(200);
      assertThat(factory.openRedisConnections()).isEqualTo(1);
      assertThat(redis.clients()).as("one connection for both routes").isEqualTo(1);

      // A reload that still names the Redis keeps its connection.
      g.writeConfig(twoRoutes(true, 50));
      assertThat(g.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(g.get("/limited").headers().firstValue("RateLimit-Limit")).contains("50");
      sleep(600);
      assertThat(redis.clients()).isEqualTo(1);
      assertThat(factory.openRedisConnections()).isEqualTo(1);

      // One that no longer does closes it once the old configuration's requests have had their time.
      g.writeConfig(twoRoutes(false, 50));
      assertThat(g.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      TestUpstream.await(Duration.ofSeconds(5), () -> redis.clients() == 0, "the unused connection to close");
      assertThat(factory.openRedisConnections()).isZero();

      // Back to Redis, then shut down: it closes with the gateway.
      g.writeConfig(twoRoutes(true, 50));
      assertThat(g.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);
      assertThat(g.get("/limited").statusCode()).isEqualTo(200);
      assertThat(redis.clients()).isEqualTo(1);
    } finally {
      g.close();
    }
    TestUpstream.await(Duration.ofSeconds(5), () -> redis.clients() == 0, "the connection to close with the gateway");
    assertThat(factory.openRedisConnections()).isZero();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
