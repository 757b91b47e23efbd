package dev.emporium.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.policy.PolicyRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitConfigTest {

  private static final ObjectMapper MAPPER = ConfigLoader.newMapper(new YAMLFactory());
  private static final PolicyRegistry REGISTRY = new PolicyRegistry();

  private static RateLimitConfig bind(String yaml) {
    try {
      JsonNode node = yaml.isBlank() ? null : MAPPER.readTree(yaml);
      return (RateLimitConfig) REGISTRY.bind("rate-limit", node, MAPPER).config();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void defaultsToTheSpecificationsThousandRequestsPerMinutePerUser() {
    RateLimitConfig config = bind("");

    assertThat(config.limits()).hasSize(1);
    LimitConfig limit = config.limits().get(0);
    assertThat(limit.key()).isEqualTo("user");
    assertThat(limit.header()).isEqualTo("X-User-Id");
    assertThat(limit.whenMissing()).isEqualTo("ip");
    assertThat(limit.algorithm()).isEqualTo("token-bucket");
    assertThat(limit.capacity()).isEqualTo(1000);
    assertThat(limit.period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(limit.refillTokens()).isEqualTo(1000);
    assertThat(config.state()).isEqualTo("local");
    assertThat(config.failureMode()).isEqualTo("open");
    assertThat(config.maxKeys()).isEqualTo(100_000);
    assertThat(config.headers()).isTrue();
  }

  @Test
  void bindsRedisStateWithItsDefaults() {
    RateLimitConfig config = bind("""
        state: redis
        failureMode: closed
        redis:
          uri: redis://127.0.0.1:6390
        limits:
          - {name: per-ip, key: ip, algorithm: sliding-window, capacity: 5, period: 1s}
        """);

    assertThat(config.redis().keyPrefix()).isEqualTo("emporium:rl:");
    assertThat(config.redis().timeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.redis().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.redis().syncShare()).isEqualTo("1%");
    assertThat(config.redis().syncInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.limits().get(0).algorithm()).isEqualTo("sliding-window");
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> bind("limits: []")).hasMessageContaining("at least one limit");
    assertThatThrownBy(() -> bind("limits: [{capacity: 0}]")).hasMessageContaining("capacity must be between 1");
    assertThatThrownBy(() -> bind("limits: [{period: 0s}]")).hasMessageContaining("period must be between");
    assertThatThrownBy(() -> bind("limits: [{algorithm: leaky}]")).hasMessageContaining("algorithm must be");
    assertThatThrownBy(() -> bind("limits: [{key: session}]")).hasMessageContaining("key must be one of");
    assertThatThrownBy(() -> bind("limits: [{key: header}]")).hasMessageContaining("header is required");
    assertThatThrownBy(() -> bind("limits: [{key: ip, header: X-A}]")).hasMessageContaining("header applies only");
    assertThatThrownBy(() -> bind("limits: [{whenMissing: allow}]")).hasMessageContaining("whenMissing must be");
    assertThatThrownBy(() -> bind("limits: [{capacity: 5, refillTokens: 6}]")).hasMessageContaining("refillTokens must be");
    assertThatThrownBy(() -> bind("limits: [{algorithm: sliding-window, refill: interval}]"))
        .hasMessageContaining("apply only to the token-bucket");
    assertThatThrownBy(() -> bind("limits: [{key: ip}, {key: ip}]")).hasMessageContaining("'ip' is used twice");
    assertThatThrownBy(() -> bind("state: redis")).hasMessageContaining("redis is required");
    assertThatThrownBy(() -> bind("redis: {uri: 'redis://h:1'}")).hasMessageContaining("only when state is redis");
    assertThatThrownBy(() -> bind("failureMode: maybe")).hasMessageContaining("failureMode must be open or closed");
    assertThatThrownBy(() -> bind("maxKeys: 0")).hasMessageContaining("maxKeys must be");
    assertThatThrownBy(() -> bind("limits: [{capacity: 5, burst: 2}]")).hasMessageContaining("burst");
  }

  @Test
  void aSyncShareIsAPercentageOfEachLimitsCapacity() {
    RedisConfig redis = bind("state: redis\nredis: {uri: 'redis://h:1', syncShare: 2.5%, syncInterval: 50ms}").redis();
    assertThat(redis.unsynchronizedTokens(1000)).isEqualTo(25);
    assertThat(redis.unsynchronizedTokens(39)).as("rounded down").isZero();
    assertThat(redis.syncInterval()).isEqualTo(Duration.ofMillis(50));
    RedisConfig defaults = bind("state: redis\nredis: {uri: 'redis://h:1'}").redis();
    assertThat(defaults.unsynchronizedTokens(1000)).isEqualTo(10);
    assertThat(defaults.unsynchronizedTokens(99)).as("small limits are exact").isZero();
    assertThat(defaults.unsynchronizedTokens(1_000_000_000L)).isEqualTo(10_000_000L);
    assertThat(bind("state: redis\nredis: {uri: 'redis://h:1', syncShare: 0}").redis().unsynchronizedTokens(1000)).isZero();

    for (String bad : List.of("2", "-1%", "11%", "lots", "%")) {
      assertThatThrownBy(() -> bind("state: redis\nredis: {uri: 'redis://h:1', syncShare: '" + bad + "'}"))
          .hasMessageContaining("redis.syncShare must be a percentage from 0% to 10%");
    }
    assertThatThrownBy(() -> bind("state: redis\nredis: {uri: 'redis://h:1', syncInterval: 0s}"))
        .hasMessageContaining("redis.syncInterval must be between 1ms and 10s");
  }

  @Test
  void neverEchoesARedisPassword() {
    assertThatThrownBy(() -> bind("state: redis\nredis: {uri: 'http://:s3cret@h:1'}"))
        .hasMessageContaining("redis.uri must start with")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThatThrownBy(() -> bind("state: redis\nredis: {uri: 'redis://:s3cret@h:notaport'}"))
        .hasMessageContaining("redis.uri is not a valid Redis URI")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThat(bind("state: redis\nredis: {uri: 'redis://:s3cret@h:1'}").redis().toString()).doesNotContain("s3cret");
  }
}
