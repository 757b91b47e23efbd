package dev.emporium.gateway.upstream.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.config.DiscoveryConfig;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import dev.emporium.gateway.upstream.DiscoverySettingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdSettingsTest {

  private static ClusterConfig cluster(Map<String, String> settings) {
    return new ClusterConfig("user", List.of(), new DiscoveryConfig("etcd", settings), null, null, null, null, null,
        null, null, null, null, null, null);
  }

  private static EtcdSettings settings(Map<String, String> settings) {
    return EtcdSettings.of(cluster(settings));
  }

  @Test
  void defaultsWatchTheClustersOwnServiceUnderTheEmporiumPrefix() {
    EtcdSettings s = settings(Map.of("endpoints", "127.0.0.1:2379"));

    assertThat(s.instancesKey()).isEqualTo("/emporium/services/user/");
    assertThat(s.endpoints()).containsExactly(new EtcdSettings.Endpoint("127.0.0.1", 2379, false));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.checkInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.retryDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.maxRetryDelay()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.maxMessageSize().bytes()).isEqualTo(4L * 1024 * 1024);
  }

  @Test
  void readsEndpointsAsHostPortOrUrlsSeparatedByCommas() {
    EtcdSettings s = settings(Map.of("endpoints", "etcd-1:2379, http://etcd-2:2380,https://etcd-3, http://[::1]:2379/"));

    assertThat(s.endpoints()).containsExactly(
        new EtcdSettings.Endpoint("etcd-1", 2379, false),
        new EtcdSettings.Endpoint("etcd-2", 2380, false),
        new EtcdSettings.Endpoint("etcd-3", 2379, true),
        new EtcdSettings.Endpoint("::1", 2379, false));
    assertThat(s.endpoints().get(3)).hasToString("http://[::1]:2379");
  }

  @Test
  void takesAnotherPrefixAndServiceWithoutATrailingSlash() {
    EtcdSettings s = settings(Map.of("endpoints", "127.0.0.1:2379", "prefix", "/shop/prod/", "service", "accounts"));

    assertThat(s.instancesKey()).isEqualTo("/shop/prod/services/accounts/");
  }

  @Test
  void refusesMissingEndpoints() {
    assertRefused(Map.of(), "settings.endpoints", "needs endpoints");
    assertRefused(Map.of("endpoints", " "), "settings.endpoints", "needs endpoints");
  }

  @Test
  void refusesEndpointsThatAreNotEtcdAddresses() {
    assertRefused(Map.of("endpoints", "etcd-1"), "settings.endpoints", "names no port");
    assertRefused(Map.of("endpoints", "grpc://etcd-1:2379"), "settings.endpoints", "over http or https");
    assertRefused(Map.of("endpoints", "http://etcd-1:2379/v3"), "settings.endpoints", "without a path");
    assertRefused(Map.of("endpoints", "etcd 1:2379"), "settings.endpoints", "is not host:port");
  }

  @Test
  void refusesBadPrefixServiceAndLimits() {
    assertRefused(Map.of("endpoints", "e:1", "prefix", "emporium"), "settings.prefix", "is not a key prefix");
    assertRefused(Map.of("endpoints", "e:1", "service", "a/b"), "settings.service", "is not a service name");
    assertRefused(Map.of("endpoints", "e:1", "requestTimeout", "0s"), "settings.requestTimeout", "between 100ms and 1m");
    assertRefused(Map.of("endpoints", "e:1", "checkInterval", "soon"), "settings.checkInterval", "not a duration");
    assertRefused(Map.of("endpoints", "e:1", "retryDelay", "2s", "maxRetryDelay", "1s"), "settings.maxRetryDelay",
        "between 2s and 1h");
    assertRefused(Map.of("endpoints", "e:1", "maxMessageSize", "10"), "settings.maxMessageSize", "between 1KiB");
  }

  @Test
  void refusesUnknownSettingsNamingTheKnownOnes() {
    assertRefused(Map.of("endpoint", "e:1"), "settings.endpoint",
        "known: checkInterval, endpoints, maxMessageSize, maxRetryDelay, prefix, requestTimeout, retryDelay, service");
  }

  @Test
  void configurationErrorsNameTheLineOfTheSetting() {
    String yaml = """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 8080
        routes:
          - name: users
            match:
              path: /api/users/**
            cluster: user
        clusters:
          - name: user
            discovery:
              type: etcd
              settings:
                endpoints: 127.0.0.1:2379
                retryDelay: later
        """;
    ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    List<ConfigProblem> problems = new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", yaml));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("clusters[0].discovery.settings.retryDelay");
    assertThat(problems.get(0).line()).isEqualTo(16);
    assertThat(problems.get(0).message()).contains("'later' is not a duration");
  }

  @Test
  void aClusterWithEtcdDiscoveryListsNoEndpointsOfItsOwn() {
    String yaml = """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 8080
        routes:
          - name: users
            match:
              path: /api/users/**
            cluster: user
        clusters:
          - name: user
            endpoints:
              - address: 127.0.0.1:9000
            discovery:
              type: etcd
              settings:
                endpoints: 127.0.0.1:2379
        """;
    ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    List<ConfigProblem> problems = new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", yaml));

    assertThat(problems).extracting(ConfigProblem::field).containsExactly("clusters[0].discovery");
    assertThat(problems.get(0).message()).contains("remove its endpoints");
  }

  private static void assertRefused(Map<String, String> settings, String setting, String message) {
    assertThatThrownBy(() -> settings(settings))
        .isInstanceOfSatisfying(DiscoverySettingException.class, e -> assertThat(e.setting()).isEqualTo(setting))
        .hasMessageContaining(message);
  }
}
