package dev.emporium.gateway.upstream.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dns discovery as the configuration file uses it: found by its type, its problems at their lines. */
class DnsDiscoveryConfigTest {

  private static final String CONFIG = """
      listeners:
        - {name: public, host: 127.0.0.1, port: 8080}
      routes:
        - {name: products, match: {path: /api/products/**}, cluster: product}
      clusters:
        - name: product
          discovery:
            type: dns
            settings:
              name: product.emporium.svc.cluster.local
              port: %s
      """;

  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  private List<ConfigProblem> validate(String yaml) {
    return new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", yaml));
  }

  @Test
  void isAKnownDiscoveryType() {
    assertThat(new DiscoveryRegistry().types()).contains("dns", "static");
    assertThat(validate(CONFIG.formatted("8082"))).isEmpty();
  }

  @Test
  void reportsABadSettingAtItsFieldAndLine() {
    String yaml = CONFIG.formatted("80000");

    assertThat(validate(yaml)).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("clusters[0].discovery.settings.port");
      assertThat(problem.line()).isEqualTo(11);
      assertThat(problem.message()).isEqualTo("must be 1-65535, is 80000");
    });
  }

  @Test
  void refusesStaticEndpointsBesideDns() {
    String yaml = CONFIG.formatted("8082") + "    endpoints: [{address: \"127.0.0.1:8082\"}]\n";

    assertThat(validate(yaml)).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("clusters[0].discovery");
      assertThat(problem.message()).contains("remove the cluster's endpoints");
    });
  }
}
