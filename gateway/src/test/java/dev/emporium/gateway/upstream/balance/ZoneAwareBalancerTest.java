package dev.emporium.gateway.upstream.balance;

import static dev.emporium.gateway.upstream.balance.Endpoints.endpoint;
import static dev.emporium.gateway.upstream.balance.Endpoints.key;
import static dev.emporium.gateway.upstream.balance.Endpoints.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZoneAwareBalancerTest {

  private final List<Endpoint> local = zone("eu-1a", 1, 10);
  private final List<Endpoint> remote = zone("eu-1b", 11, 5);

  @Test
  void keepsAllTrafficLocalWhileEnoughOfTheZoneIsAvailable() {
    ZoneAwareBalancer balancer = new ZoneAwareBalancer("eu-1a", 0.7, RoundRobinBalancer::new);
    balancer.update(withLocalAvailable(7));

    Map<Endpoint, Integer> counts = tally(balancer, 10_000);

    assertThat(localShare(counts)).isEqualTo(1.0);
    assertThat(counts).hasSize(7);
  }

  @Test
  void spillsToOtherZonesInProportionToTheShortfall() {
    ZoneAwareBalancer balancer = new ZoneAwareBalancer("eu-1a", 0.8, RoundRobinBalancer::new);
    balancer.update(withLocalAvailable(4));

    Map<Endpoint, Integer> counts = tally(balancer, 40_000);

    // 4 of 10 available against a threshold of 0.8: half the traffic stays local.
    assertThat(balancer.localFraction()).isCloseTo(0.5, within(1e-9));
    assertThat(localShare(counts)).isCloseTo(0.5, within(0.02));
    for (Endpoint e : remote) assertThat(counts.get(e) / 40_000.0).isCloseTo(0.1, within(0.01));
  }

  @Test
  void sendsEverythingToOtherZonesWhenTheLocalZoneHasNothingAvailable() {
    ZoneAwareBalancer balancer = new ZoneAwareBalancer("eu-1a", 0.7, RoundRobinBalancer::new);
    balancer.update(withLocalAvailable(0));

    assertThat(localShare(tally(balancer, 1_000))).isZero();
  }

  @Test
  void sendsEverythingToOtherZonesWhenNoEndpointIsLocal() {
    ZoneAwareBalancer balancer = new ZoneAwareBalancer("us-2a", 0.7, RoundRobinBalancer::new);
    balancer.update(withLocalAvailable(10));

    assertThat(tally(balancer, 1_000)).hasSize(15);
  }

  @Test
  void keepsTrafficLocalWhenNoOtherZoneIsAvailable() {
    ZoneAwareBalancer balancer = new ZoneAwareBalancer("eu-1a", 0.7, RoundRobinBalancer::new);
    List<Endpoint> all = new ArrayList<>(local);
    all.addAll(remote);
    balancer.update(new EndpointSet(all, local.subList(0, 2)));

    assertThat(tally(balancer, 1_000)).containsOnlyKeys(local.subList(0, 2));
  }

  @Test
  void spillsAKeyConsistentlyUnderConsistentHashing() {
    ZoneAwareBalancer balancer = new ZoneAwareBalancer("eu-1a", 0.8, ConsistentHashBalancer::new);
    balancer.update(withLocalAvailable(4));

    int local = 0;
    for (int k = 0; k < 10_000; k++) {
      Endpoint first = balancer.pick(key("user-" + k));
      for (int again = 0; again < 3; again++) assertThat(balancer.pick(key("user-" + k))).isSameAs(first);
      if ("eu-1a".equals(first.zone())) local++;
    }
    assertThat(local / 10_000.0).isCloseTo(0.5, within(0.03));
  }

  private EndpointSet withLocalAvailable(int n) {
    List<Endpoint> all = new ArrayList<>(local);
    all.addAll(remote);
    List<Endpoint> available = new ArrayList<>(local.subList(0, n));
    available.addAll(remote);
    return new EndpointSet(all, available);
  }

  private static double localShare(Map<Endpoint, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int local = counts.entrySet().stream().filter(e -> "eu-1a".equals(e.getKey().zone()))
        .mapToInt(Map.Entry::getValue).sum();
    return local / (double) total;
  }

  private static List<Endpoint> zone(String zone, int first, int n) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = first; i < first + n; i++) out.add(endpoint(i, 1, zone));
    return out;
  }
}
