package dev.emporium.gateway.upstream.balance;

import static dev.emporium.gateway.upstream.balance.Endpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.config.HashOnConfig;
import dev.emporium.gateway.config.LoadBalancerConfig;
import dev.emporium.gateway.config.ZoneAwareConfig;
import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancersTest {

  @Test
  void buildsEveryNamedPolicy() {
    assertThat(LoadBalancers.create(config("round-robin", null), null)).isInstanceOf(RoundRobinBalancer.class);
    assertThat(LoadBalancers.create(config("weighted-round-robin", null), null))
        .isInstanceOf(SmoothWeightedRoundRobinBalancer.class);
    assertThat(LoadBalancers.create(config("least-request", null), null)).isInstanceOf(LeastRequestBalancer.class);
    assertThat(LoadBalancers.create(config("peak-ewma", null), null)).isInstanceOf(PeakEwmaBalancer.class);
    assertThat(LoadBalancers.create(config("consistent-hash", null), null)).isInstanceOf(ConsistentHashBalancer.class);
    assertThat(LoadBalancers.POLICIES)
        .containsExactlyInAnyOrder("round-robin", "weighted-round-robin", "least-request", "peak-ewma", "consistent-hash");
  }

  @Test
  void refusesAnUnknownPolicy() {
    assertThatThrownBy(() -> LoadBalancers.create(config("random", null), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random");
  }

  @Test
  void wrapsThePolicyInZonePreferenceWithTheGatewayZoneByDefault() {
    Endpoint here = endpoint(1, 1, "z1");
    Endpoint there = endpoint(2, 1, "z2");
    LoadBalancer balancer = LoadBalancers.create(config("weighted-round-robin", new ZoneAwareConfig(null, null)), "z1");
    balancer.update(new EndpointSet(List.of(here, there), List.of(here, there)));

    assertThat(balancer).isInstanceOf(ZoneAwareBalancer.class);
    assertThat(Endpoints.tally(balancer, 100)).isEqualTo(Map.of(here, 100));
  }

  @Test
  void prefersTheConfiguredLocalZoneOverTheGatewayZone() {
    Endpoint here = endpoint(1, 1, "z1");
    Endpoint there = endpoint(2, 1, "z2");
    LoadBalancer balancer = LoadBalancers.create(config("least-request", new ZoneAwareConfig("z2", 0.5)), "z1");
    balancer.update(new EndpointSet(List.of(here, there), List.of(here, there)));

    for (int i = 0; i < 100; i++) assertThat(balancer.pick(PickContext.NONE)).isSameAs(there);
  }

  private static LoadBalancerConfig config(String policy, ZoneAwareConfig zoneAware) {
    HashOnConfig hashOn = "consistent-hash".equals(policy) ? new HashOnConfig("X-User", null, null) : null;
    return new LoadBalancerConfig(policy, hashOn, zoneAware, null);
  }
}
