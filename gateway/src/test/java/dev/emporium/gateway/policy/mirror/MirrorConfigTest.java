package dev.emporium.gateway.policy.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mirror's settings are checked at load: its shadow cluster exists, its share is a share. */
class MirrorConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

  private List<ConfigProblem> validate(String mirror) {
    String yaml = """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 8080
        routes:
          - name: orders
            match:
              path: /api/orders/**
            cluster: orders
            policies:
              - mirror: %s
        clusters:
          - name: orders
            endpoints:
              - address: 127.0.0.1:9000
          - name: orders-v2
            endpoints:
              - address: 127.0.0.1:9001
        """.formatted(mirror);
    return new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", yaml));
  }

  @Test
  void aKnownShadowClusterIsAccepted() {
    assertThat(validate("{cluster: orders-v2, share: 0.25, maxConcurrent: 8, maxBodySize: 0}")).isEmpty();
  }

  @Test
  void anUnknownShadowClusterIsRefusedWithItsField() {
    assertThat(validate("{cluster: orders-v3}")).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("routes[0].policies[0].mirror.cluster");
      assertThat(p.line()).isEqualTo(11);
      assertThat(p.message()).isEqualTo("unknown cluster 'orders-v3'");
    });
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThat(validate("{cluster: orders-v2, share: 1.5}")).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("routes[0].policies[0].mirror");
      assertThat(p.message()).contains("share must be between 0.0 and 1.0");
    });
  }

  @Test
  void aMirrorWithoutAClusterIsRefused() {
    assertThat(validate("{share: 0.5}")).singleElement().satisfies(p ->
        assertThat(p.message()).contains("cluster is required"));
  }
}
