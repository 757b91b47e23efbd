package dev.emporium.gateway.upstream.balance;

import static dev.emporium.gateway.upstream.balance.Endpoints.allAvailable;
import static dev.emporium.gateway.upstream.balance.Endpoints.endpoint;
import static dev.emporium.gateway.upstream.balance.Endpoints.key;
import static dev.emporium.gateway.upstream.balance.Endpoints.share;
import static dev.emporium.gateway.upstream.balance.Endpoints.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.PickContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentHashBalancerTest {

  private static final int KEYS = 20_000;

  @Test
  void sendsTheSameKeyToTheSameEndpoint() {
    List<Endpoint> endpoints = endpoints(5);
    ConsistentHashBalancer balancer = new ConsistentHashBalancer();
    balancer.update(allAvailable(endpoints));
    // Another gateway that learnt the members in another order agrees on every key.
    List<Endpoint> reversed = new ArrayList<>(endpoints);
    java.util.Collections.reverse(reversed);
    ConsistentHashBalancer other = new ConsistentHashBalancer();
    other.update(allAvailable(reversed));

    for (int k = 0; k < 1_000; k++) {
      Endpoint first = balancer.pick(key("user-" + k));
      assertThat(balancer.pick(key("user-" + k))).isSameAs(first);
      assertThat(other.pick(key("user-" + k))).isSameAs(first);
    }
  }

  @Test
  void spreadsKeysEvenly() {
    List<Endpoint> endpoints = endpoints(5);
    ConsistentHashBalancer balancer = new ConsistentHashBalancer();
    balancer.update(allAvailable(endpoints));

    Map<Endpoint, Integer> counts = tally(balancer, KEYS, i -> key("session-" + i));

    for (Endpoint e : endpoints) assertThat(share(counts, e)).as(e.id()).isCloseTo(0.2, within(0.04));
  }

  @Test
  void givesKeysInProportionToWeight() {
    Endpoint heavy = endpoint(1, 3, null);
    Endpoint light = endpoint(2, 1, null);
    ConsistentHashBalancer balancer = new ConsistentHashBalancer();
    balancer.update(allAvailable(List.of(heavy, light)));

    Map<Endpoint, Integer> counts = tally(balancer, KEYS, i -> key("session-" + i));

    assertThat(share(counts, heavy)).isCloseTo(0.75, within(0.04));
  }

  @Test
  void movesOnlyTheKeysOfAnEndpointThatLeavesAndBringsThemBack() {
    List<Endpoint> endpoints = endpoints(10);
    Endpoint leaving = endpoints.get(3);
    ConsistentHashBalancer balancer = new ConsistentHashBalancer();
    balancer.update(allAvailable(endpoints));
    Endpoint[] before = owners(balancer);

    List<Endpoint> rest = new ArrayList<>(endpoints);
    rest.remove(leaving);
    balancer.update(new EndpointSet(endpoints, rest));
    Endpoint[] during = owners(balancer);

    int moved = 0;
    for (int k = 0; k < KEYS; k++) {
      if (before[k] != during[k]) {
        moved++;
        assertThat(before[k]).as("key %d moved though its endpoint stayed", k).isSameAs(leaving);
      } else {
        assertThat(during[k]).isNotSameAs(leaving);
      }
    }
    assertThat(moved / (double) KEYS).isCloseTo(0.1, within(0.03));

    balancer.update(allAvailable(endpoints));
    assertThat(owners(balancer)).containsExactly(before);
  }

  @Test
  void balancesRequestsWithoutAKeyRoundRobin() {
    List<Endpoint> endpoints = endpoints(3);
    ConsistentHashBalancer balancer = new ConsistentHashBalancer();
    balancer.update(allAvailable(endpoints));

    List<Endpoint> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) picks.add(balancer.pick(PickContext.NONE));

    assertThat(picks).containsExactly(endpoints.get(0), endpoints.get(1), endpoints.get(2),
        endpoints.get(0), endpoints.get(1), endpoints.get(2));
  }

  @Test
  void returnsNothingWhenNothingIsAvailable() {
    ConsistentHashBalancer balancer = new ConsistentHashBalancer();
    balancer.update(new EndpointSet(endpoints(2), List.of()));

    assertThat(balancer.pick(key("k"))).isNull();
    assertThat(balancer.pick(PickContext.NONE)).isNull();
  }

  private static Endpoint[] owners(ConsistentHashBalancer balancer) {
    Endpoint[] owners = new Endpoint[KEYS];
    for (int k = 0; k < KEYS; k++) owners[k] = balancer.pick(key("session-" + k));
    return owners;
  }

  private static List<Endpoint> endpoints(int n) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) out.add(endpoint(i));
    return out;
  }
}
