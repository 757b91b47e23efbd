package dev.emporium.gateway.upstream.balance;

import static dev.emporium.gateway.upstream.balance.Endpoints.allAvailable;
import static dev.emporium.gateway.upstream.balance.Endpoints.endpoint;
import static dev.emporium.gateway.upstream.balance.Endpoints.share;
import static dev.emporium.gateway.upstream.balance.Endpoints.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.PickContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastRequestBalancerTest {

  @Test
  void spreadsEvenlyWhenIdle() {
    Endpoint a = endpoint(1);
    Endpoint b = endpoint(2);
    Endpoint c = endpoint(3);
    LeastRequestBalancer balancer = new LeastRequestBalancer();
    balancer.update(allAvailable(List.of(a, b, c)));

    Map<Endpoint, Integer> counts = tally(balancer, 30_000);

    for (Endpoint e : List.of(a, b, c)) assertThat(share(counts, e)).isCloseTo(1 / 3.0, within(0.02));
  }

  @Test
  void spreadsByWeightWhenIdle() {
    Endpoint heavy = endpoint(1, 3, null);
    Endpoint light = endpoint(2, 1, null);
    LeastRequestBalancer balancer = new LeastRequestBalancer();
    balancer.update(allAvailable(List.of(heavy, light)));

    Map<Endpoint, Integer> counts = tally(balancer, 40_000);

    assertThat(share(counts, heavy)).isCloseTo(0.75, within(0.02));
  }

  @Test
  void prefersTheLessLoadedOfTwoRandomChoices() {
    Endpoint idle = endpoint(1);
    Endpoint busy = endpoint(2);
    Endpoint busiest = endpoint(3);
    inFlight(busy, 5);
    inFlight(busiest, 10);
    LeastRequestBalancer balancer = new LeastRequestBalancer();
    balancer.update(allAvailable(List.of(idle, busy, busiest)));

    Map<Endpoint, Integer> counts = tally(balancer, 30_000);

    // Every pair holds the idle endpoint except {busy, busiest}: 2/3 idle, 1/3 busy, never busiest.
    assertThat(share(counts, idle)).isCloseTo(2 / 3.0, within(0.02));
    assertThat(share(counts, busy)).isCloseTo(1 / 3.0, within(0.02));
    assertThat(counts).doesNotContainKey(busiest);
  }

  @Test
  void comparesRequestsInFlightPerUnitOfWeight() {
    Endpoint big = endpoint(1, 4, null);
    Endpoint small = endpoint(2, 1, null);
    inFlight(big, 4);
    inFlight(small, 2);
    LeastRequestBalancer balancer = new LeastRequestBalancer();
    balancer.update(allAvailable(List.of(big, small)));

    Map<Endpoint, Integer> counts = tally(balancer, 20_000);

    // big carries 1 per unit of weight, small 2: small wins only when drawn twice, (1/5)² = 4 %.
    assertThat(share(counts, big)).isCloseTo(0.96, within(0.01));
  }

  @Test
  void choosesOnlyAvailableEndpoints() {
    Endpoint a = endpoint(1);
    Endpoint b = endpoint(2);
    LeastRequestBalancer balancer = new LeastRequestBalancer();
    balancer.update(new EndpointSet(List.of(a, b), List.of(b)));

    assertThat(tally(balancer, 100)).containsOnlyKeys(b);
    balancer.update(new EndpointSet(List.of(a, b), List.of()));
    assertThat(balancer.pick(PickContext.NONE)).isNull();
  }

  private static void inFlight(Endpoint endpoint, int n) {
    for (int i = 0; i < n; i++) endpoint.requestStarted();
  }
}
