package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import dev.emporium.gateway.upstream.ResponseTimeStats;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Peak EWMA (as in Finagle and Linkerd): the power of two random choices on the cost
 * {@code response time × (requests in flight + 1)}, where response time is the endpoint's
 * peak-sensitive moving average, decayed for the time since its last sample. A slow endpoint is
 * avoided at once; it is tried again as its average decays, and kept if it answers quickly.
 *
 * <p>An endpoint with no response time yet (new, or never picked) costs nothing while it is idle,
 * so it is tried at once, but costs more than any measured endpoint while its first requests are in
 * flight, so a burst does not flood it before it has shown how fast it is.
 */
public final class PeakEwmaBalancer implements LoadBalancer {

  /** Cost of an unmeasured endpoint with requests in flight: above any real response time. */
  private static final double UNMEASURED_BUSY = 1e18;

  /**
   * The least response time a measured endpoint is credited with. Without it an average decayed to
   * nothing would make a long-idle endpoint free however many requests it already has in flight.
   */
  private static final double FLOOR_NANOS = 1_000;

  private final long decayNanos;
  private final LongSupplier clockNanos;
  private volatile WeightedDraw draw = WeightedDraw.EMPTY;

  public PeakEwmaBalancer(Duration decay) {
    this(decay, System::nanoTime);
  }

  /** With the clock that also timestamps the endpoints' response-time samples. */
  public PeakEwmaBalancer(Duration decay, LongSupplier clockNanos) {
    this.decayNanos = Math.max(1, decay.toNanos());
    this.clockNanos = clockNanos;
  }

  @Override
  public void update(EndpointSet endpoints) {
    draw = WeightedDraw.of(endpoints.available());
  }

  @Override
  public Endpoint pick(PickContext context) {
    WeightedDraw d = draw;
    int n = d.size();
    if (n == 0) return null;
    if (n == 1) return d.get(0);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int i = d.first(random);
    Endpoint a = d.get(i);
    Endpoint b = d.get(d.second(random, i));
    long now = clockNanos.getAsLong();
    double costA = cost(a, now);
    double costB = cost(b, now);
    if (costA != costB) return costA < costB ? a : b;
    return random.nextBoolean() ? a : b;
  }

  private double cost(Endpoint endpoint, long now) {
    int inFlight = endpoint.inFlight();
    ResponseTimeStats stats = endpoint.responseTimes();
    if (!stats.hasData()) return inFlight == 0 ? 0 : UNMEASURED_BUSY + inFlight;
    return Math.max(FLOOR_NANOS, stats.decayedNanos(now, decayNanos)) * (inFlight + 1);
  }
}
