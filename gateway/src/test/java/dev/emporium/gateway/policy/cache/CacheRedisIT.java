package dev.emporium.gateway.policy.cache;

import static dev.emporium.gateway.policy.cache.CacheIT.config;
import static dev.emporium.gateway.policy.cache.CacheIT.origin;
import static dev.emporium.gateway.policy.cache.CacheIT.xCache;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.TestUpstream;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis tier, on the real Redis at 127.0.0.1:6379, shared by two gateway instances. */
class CacheRedisIT {

  private static final String REDIS = "redis://127.0.0.1:6379";

  private final String prefix = "emporium-test:cache:" + UUID.randomUUID() + ":";
  private RedisClient client;
  private StatefulRedisConnection<String, String> redis;

  @BeforeEach
  void connect() {
    client = RedisClient.create(REDIS);
    redis = client.connect();
  }

  @AfterEach
  void cleanUp() {
    List<String> keys = redis.sync().scan(ScanArgs.Builder.matches(RedisTier.glob(prefix) + "*").limit(1000)).getKeys();
    if (!keys.isEmpty()) redis.sync().del(keys.toArray(String[]::new));
    redis.close();
    client.shutdown();
  }

  private String shared() {
    return "cache:\n  redis:\n    uri: " + REDIS + "\n    keyPrefix: \"" + prefix + "\"\n";
  }

  private List<String> keys() {
    return redis.sync().keys(RedisTier.glob(prefix) + "*");
  }

  @Test
  void aSecondInstanceServesWhatTheFirstStored() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "Cache-Control", "public, max-age=60", "ETag", "\"v1\"");
        GatewayHarness a = GatewayHarness.start(config(up.address(), "", shared()));
        GatewayHarness b = GatewayHarness.start(config(up.address(), "", shared()))) {
      assertThat(xCache(a.get("/api/products/1"))).isEqualTo("MISS");
      TestUpstream.await(Duration.ofSeconds(5), () -> keys().size() == 2, "the entry and its vary record in Redis");
      assertThat(redis.sync().pttl(keys().get(0))).isBetween(1L, Duration.ofMinutes(11).toMillis());

      HttpResponse<String> fromRedis = b.get("/api/products/1");
      assertThat(xCache(fromRedis)).isEqualTo("HIT");
      assertThat(fromRedis.body()).isEqualTo("body for /api/products/1 #1");
      assertThat(fromRedis.headers().firstValue("ETag")).contains("\"v1\"");
      assertThat(xCache(b.get("/api/products/1"))).isEqualTo("HIT");
      assertThat(served.get()).isEqualTo(1);
      assertThat(Metrics.value(Metrics.scrape(b), "gateway_cache_redis_hits_total")).isEqualTo(1.0);
    }
  }

  @Test
  void keepsPrivateEntriesPerCallerAcrossInstances() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = TestUpstream.start(request -> {
          served.incrementAndGet();
          request.response().putHeader("Cache-Control", "max-age=60").end("cart of " + request.getHeader("X-User-Id"));
        });
        GatewayHarness a = GatewayHarness.start(config(up.address(), "", shared()));
        GatewayHarness b = GatewayHarness.start(config(up.address(), "", shared()))) {
      assertThat(a.get("/api/products/cart", "X-Test-Subject", "alice").body()).isEqualTo("cart of alice");
      TestUpstream.await(Duration.ofSeconds(5), () -> keys().size() == 2, "alice's entry in Redis");
      HttpResponse<String> bob = b.get("/api/products/cart", "X-Test-Subject", "bob");
      assertThat(bob.body()).isEqualTo("cart of bob");
      assertThat(xCache(bob)).isEqualTo("MISS");
      HttpResponse<String> alice = b.get("/api/products/cart", "X-Test-Subject", "alice");
      assertThat(alice.body()).isEqualTo("cart of alice");
      assertThat(xCache(alice)).isEqualTo("HIT");
      assertThat(served.get()).isEqualTo(2);
      // Keys hold the route and path, never a caller's header values.
      assertThat(keys()).allSatisfy(k -> assertThat(k).doesNotContain("alice").doesNotContain("bob"));
    }
  }

  @Test
  void aPurgeOnOneInstanceEmptiesRedisAndTheOthersMemory() {
    AtomicInteger served = new AtomicInteger();
    try (TestUpstream up = origin(served, "Cache-Control", "public, max-age=60");
        GatewayHarness a = GatewayHarness.start(config(up.address(), "", shared()));
        GatewayHarness b = GatewayHarness.start(config(up.address(), "", shared()))) {
      a.get("/api/products/1");
      a.get("/api/products/2");
      TestUpstream.await(Duration.ofSeconds(5), () -> keys().size() == 4, "two entries in Redis");
      assertThat(xCache(b.get("/api/products/1"))).isEqualTo("HIT");
      assertThat(xCache(b.get("/api/products/2"))).isEqualTo("HIT");

      HttpResponse<String> purged = CacheIT.purge(a, "{\"prefix\":\"/api/products/1\"}", false);
      assertThat(purged.statusCode()).isEqualTo(200);
      JsonObject result = new JsonObject(purged.body());
      assertThat(result.getLong("purged")).isEqualTo(1L);
      assertThat(result.getLong("shared")).isEqualTo(2L);
      assertThat(keys()).hasSize(2).allSatisfy(k -> assertThat(k).contains("/api/products/2"));

      TestUpstream.await(Duration.ofSeconds(5), () -> xCache(b.get("/api/products/1")).equals("MISS"),
          "the other instance to drop its copy");
      assertThat(xCache(b.get("/api/products/2"))).isEqualTo("HIT");
    }
  }

  @Test
  void servesFromMemoryAndCountsErrorsWhenRedisIsUnreachable() {
    AtomicInteger served = new AtomicInteger();
    String unreachable = "cache:\n  redis:\n    uri: redis://127.0.0.1:" + CacheIT.closedPort()
        + "\n    keyPrefix: \"" + prefix + "\"\n    timeout: 100ms\n";
    try (TestUpstream up = origin(served, "Cache-Control", "public, max-age=60");
        GatewayHarness gateway = GatewayHarness.start(config(up.address(), "", unreachable))) {
      assertThat(xCache(gateway.get("/api/products/1"))).isEqualTo("MISS");
      HttpResponse<String> hit = gateway.get("/api/products/1");
      assertThat(hit.statusCode()).isEqualTo(200);
      assertThat(xCache(hit)).isEqualTo("HIT");
      assertThat(served.get()).isEqualTo(1);
      TestUpstream.await(Duration.ofSeconds(5), () -> Metrics.value(Metrics.scrape(gateway),
          "gateway_cache_redis_errors_total", "operation", "connect") >= 1, "the connection failure to be counted");
      HttpResponse<String> purged = CacheIT.purge(gateway, "{\"all\":true}", false);
      assertThat(purged.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(purged.body()).getString("sharedError")).contains("memory only");
    }
  }
}
