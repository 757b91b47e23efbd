package dev.emporium.gateway.upstream.balance;

import static dev.emporium.gateway.upstream.balance.Endpoints.allAvailable;
import static dev.emporium.gateway.upstream.balance.Endpoints.endpoint;
import static dev.emporium.gateway.upstream.balance.Endpoints.tally;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.PickContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinBalancerTest {

  private final Endpoint a = endpoint(1, 5, null);
  private final Endpoint b = endpoint(2, 1, null);
  private final Endpoint c = endpoint(3, 1, null);

  @Test
  void spreadsByWeightInSmoothOrder() {
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(allAvailable(List.of(a, b, c)));

    assertThat(picks(balancer, 14)).containsExactly(a, a, b, a, c, a, a, a, a, b, a, c, a, a);
  }

  @Test
  void takesTurnsWhenWeightsAreEqual() {
    Endpoint x = endpoint(1, 3, null);
    Endpoint y = endpoint(2, 3, null);
    Endpoint z = endpoint(3, 3, null);
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(allAvailable(List.of(x, y, z)));

    assertThat(picks(balancer, 6)).containsExactly(x, y, z, x, y, z);
  }

  @Test
  void choosesOnlyAvailableEndpoints() {
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(new EndpointSet(List.of(a, b, c), List.of(b, c)));

    assertThat(picks(balancer, 4)).containsExactly(b, c, b, c);
  }

  @Test
  void returnsNothingWhenNothingIsAvailable() {
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(new EndpointSet(List.of(a), List.of()));

    assertThat(balancer.pick(PickContext.NONE)).isNull();
  }

  @Test
  void givesExactSharesToConcurrentPickers() throws Exception {
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(allAvailable(List.of(a, b, c)));
    int threads = 4;
    int periodsPerThread = 5_000;
    Map<Endpoint, AtomicInteger> counts = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> pickers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      pickers.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < periodsPerThread * 7; i++) {
          counts.computeIfAbsent(balancer.pick(PickContext.NONE), e -> new AtomicInteger()).incrementAndGet();
        }
      }));
    }
    start.countDown();
    for (Thread t : pickers) t.join();

    int periods = threads * periodsPerThread;
    assertThat(counts.get(a)).hasValue(5 * periods);
    assertThat(counts.get(b)).hasValue(periods);
    assertThat(counts.get(c)).hasValue(periods);
  }

  @Test
  void keepsExactSharesWhenTheScheduleIsTooLargeToPrecompute() {
    List<Endpoint> many = new ArrayList<>();
    int totalWeight = 0;
    for (int i = 0; i < 200; i++) {
      int weight = 800 + i;
      many.add(new Endpoint(new dev.emporium.gateway.upstream.EndpointAddress("10.1.0." + i, 80), weight, null));
      totalWeight += weight;
    }
    assertThat((long) totalWeight * many.size()).isGreaterThan(SmoothWeightedRoundRobinBalancer.MAX_SCHEDULE_WORK);
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(allAvailable(many));

    Map<Endpoint, Integer> counts = tally(balancer, totalWeight);

    for (Endpoint e : many) assertThat(counts.get(e)).as(e.id()).isEqualTo(e.weight());
  }

  @Test
  void reducesWeightsByTheirCommonDivisor() {
    Endpoint light = endpoint(1, 100, null);
    Endpoint heavy = endpoint(2, 200, null);
    SmoothWeightedRoundRobinBalancer balancer = new SmoothWeightedRoundRobinBalancer();
    balancer.update(allAvailable(List.of(light, heavy)));

    assertThat(picks(balancer, 6)).containsExactly(heavy, light, heavy, heavy, light, heavy);
  }

  private static List<Endpoint> picks(SmoothWeightedRoundRobinBalancer balancer, int n) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(balancer.pick(PickContext.NONE));
    return out;
  }
}
