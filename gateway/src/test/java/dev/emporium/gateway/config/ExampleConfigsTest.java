package dev.emporium.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration users start from in gateway/examples loads and validates as the gateway would
 * load it. The benchmarks' files are left out: they name keys and files each run generates.
 */
class ExampleConfigsTest {

  static Stream<Path> examples() throws java.io.IOException {
    return Files.list(Path.of("examples"))
        .filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("bench"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void validates(Path example) {
    ConfigLoader loader = new ConfigLoader(Map.of("EMPORIUM_ADMIN_TOKEN", "example-admin-token-0123456789")::get);
    LoadedConfig loaded = loader.load(example);

    List<ConfigProblem> problems = new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loaded);

    assertThat(problems).as(example.toString()).isEmpty();
  }

  @Test
  void platformEtcdHasThePlatformsRoutesWithEveryClusterFromEtcd() {
    ConfigLoader loader = new ConfigLoader(Map.of("EMPORIUM_ETCD", "etcd-1:2379,etcd-2:2379")::get);
    GatewayConfig platform = loader.load(Path.of("examples/platform.yaml")).config();
    GatewayConfig etcd = loader.load(Path.of("examples/platform-etcd.yaml")).config();

    assertThat(etcd.routes()).isEqualTo(platform.routes());
    assertThat(etcd.clusters()).extracting(ClusterConfig::name)
        .containsExactlyElementsOf(platform.clusters().stream().map(ClusterConfig::name).toList());
    for (ClusterConfig cluster : etcd.clusters()) {
      assertThat(cluster.discovery().type()).isEqualTo("etcd");
      assertThat(cluster.discovery().settings()).containsEntry("endpoints", "etcd-1:2379,etcd-2:2379")
          .containsEntry("prefix", "/emporium");
      assertThat(cluster.healthCheck().enabled()).isTrue();
    }
  }
}
