package dev.emporium.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numbers the system design gives are the defaults, and secrets come from the environment. */
class ConfigDefaultsTest {

  private static final String MINIMAL = """
      listeners:
        - port: 8080
      routes:
        - name: r
          cluster: c
      clusters:
        - name: c
          endpoints:
            - address: 127.0.0.1:9000
      """;

  @Test
  void specNumbersAreTheDefaults() {
    GatewayConfig config = new ConfigLoader(name -> null).parse("minimal.yaml", MINIMAL).config();
    ClusterConfig cluster = config.cluster("c");
    assertThat(cluster.timeouts().request()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cluster.retry().retries()).isEqualTo(3);
    assertThat(cluster.retry().backoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(cluster.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(4));
    assertThat(cluster.retry().jitter()).isEqualTo(0.2);
    assertThat(cluster.circuitBreaker().failureRateThreshold()).isEqualTo(50);
    assertThat(cluster.circuitBreaker().slidingWindowSize()).isEqualTo(10);
    assertThat(cluster.circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cluster.circuitBreaker().halfOpenCalls()).isEqualTo(3);
    assertThat(cluster.healthCheck().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(cluster.healthCheck().unhealthyThreshold()).isEqualTo(3);
    assertThat(cluster.healthCheck().healthyThreshold()).isEqualTo(2);
    assertThat(config.admin().host()).isEqualTo("127.0.0.1");
    assertThat(config.admin().port()).isEqualTo(9901);
    assertThat(config.routes().get(0).match().path()).isEqualTo("/**");
  }

  @Test
  void readsDurationsAndSizesWithUnits() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ByteSize.parse("64KiB").bytes()).isEqualTo(65_536);
    assertThat(ByteSize.parse("10MB").bytes()).isEqualTo(10_000_000);
    assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("unit");
    assertThatThrownBy(() -> ByteSize.parse("5 parsecs")).hasMessageContaining("unknown unit");
  }

  @Test
  void substitutesEnvironmentVariablesWithDefaults() {
    String yaml = MINIMAL + """
        admin:
          token: ${ADMIN_TOKEN}
        tracing:
          endpoint: ${OTLP:-http://collector:4318/v1/traces}
        """;
    GatewayConfig config = new ConfigLoader(Map.of("ADMIN_TOKEN", "from-the-environment-123")::get)
        .parse("env.yaml", yaml).config();
    assertThat(config.admin().token()).isEqualTo("from-the-environment-123");
    assertThat(config.tracing().endpoint()).isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void refusesAnUnsetVariableWithoutDefaultNamingTheLine() {
    String yaml = MINIMAL + "admin:\n  token: ${MISSING_TOKEN}\n";
    assertThatThrownBy(() -> new ConfigLoader(name -> null).parse("env.yaml", yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("env.yaml:11")
        .hasMessageContaining("MISSING_TOKEN");
  }

  @Test
  void neverPrintsTheAdminToken() {
    assertThat(new AdminConfig(true, "127.0.0.1", 9901, "super-secret-token-value").toString())
        .doesNotContain("super-secret-token-value");
  }
}
