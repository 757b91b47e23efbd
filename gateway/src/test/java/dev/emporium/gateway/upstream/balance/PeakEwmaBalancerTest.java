package dev.emporium.gateway.upstream.balance;

import static dev.emporium.gateway.upstream.balance.Endpoints.allAvailable;
import static dev.emporium.gateway.upstream.balance.Endpoints.endpoint;
import static dev.emporium.gateway.upstream.balance.Endpoints.share;
import static dev.emporium.gateway.upstream.balance.Endpoints.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.PickContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeakEwmaBalancerTest {

  private static final long MS = 1_000_000;
  private static final Duration DECAY = Duration.ofMillis(100);

  private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
  private final PeakEwmaBalancer balancer = new PeakEwmaBalancer(DECAY, clock::get);
  private final Endpoint a = endpoint(1);
  private final Endpoint b = endpoint(2);

  @Test
  void avoidsTheSlowerEndpoint() {
    respond(a, 100 * MS);
    respond(b, MS);
    balancer.update(allAvailable(List.of(a, b)));

    assertThat(tally(balancer, 1_000)).containsOnlyKeys(b);
  }

  @Test
  void weighsResponseTimeByRequestsInFlight() {
    respond(a, 10 * MS);
    respond(b, 10 * MS);
    for (int i = 0; i < 3; i++) a.requestStarted();
    balancer.update(allAvailable(List.of(a, b)));

    assertThat(tally(balancer, 1_000)).containsOnlyKeys(b);
  }

  @Test
  void returnsToASlowEndpointOnceItsAverageHasDecayed() {
    Endpoint[] pair = {a, b};
    balancer.update(allAvailable(List.of(a, b)));
    respond(a, 200 * MS);
    respond(b, 2 * MS);
    // a has recovered, but the balancer only knows its last, slow answer. Simulate traffic, 1 ms
    // apart, with both endpoints now answering in 2 ms.
    int toA = 0;
    int toALater = 0;
    for (int i = 0; i < 2_000; i++) {
      clock.addAndGet(MS);
      Endpoint chosen = balancer.pick(PickContext.NONE);
      respond(chosen, 2 * MS);
      if (chosen == pair[0]) {
        if (i < 100) toA++;
        if (i >= 1_000) toALater++;
      }
    }

    // 200 ms decays below 2 ms after ln(100) × 100 ms ≈ 460 ms: shunned first, shared again later.
    assertThat(toA).isZero();
    assertThat(toALater / 1_000.0).isCloseTo(0.5, within(0.1));
  }

  @Test
  void triesANewEndpointWithoutFloodingIt() {
    Endpoint fresh = endpoint(3);
    respond(a, 5 * MS);
    respond(b, 5 * MS);
    balancer.update(allAvailable(List.of(a, b, fresh)));

    // Idle and unmeasured: it wins every pair it is drawn in, 2 of 3 pairs.
    assertThat(share(tally(balancer, 3_000), fresh)).isCloseTo(2 / 3.0, within(0.04));

    fresh.requestStarted();
    Map<Endpoint, Integer> whileBusy = tally(balancer, 1_000);
    assertThat(whileBusy).doesNotContainKey(fresh);

    fresh.requestEnded();
    respond(fresh, 5 * MS);
    assertThat(share(tally(balancer, 3_000), fresh)).isCloseTo(1 / 3.0, within(0.04));
  }

  private void respond(Endpoint endpoint, long nanos) {
    endpoint.responseTimes().record(nanos, clock.get(), DECAY.toNanos());
  }
}
