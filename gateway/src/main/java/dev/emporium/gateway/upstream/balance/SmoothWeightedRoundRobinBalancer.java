package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Smooth weighted round-robin, as nginx does it (see {@link SmoothWeights}): weights 5, 1, 1 give
 * a, a, b, a, c, a, a, and again. Because the sequence repeats after (sum of weights) picks, it is
 * computed once per change of the available endpoints, and a pick is one atomic increment and an
 * array read, with no lock, whichever event loop asks. Weights are first divided by their greatest
 * common divisor; a cluster whose schedule would still be very large (more than
 * {@value #MAX_SCHEDULE_WORK} weight-steps to compute) runs the same algorithm live under a lock.
 */
public final class SmoothWeightedRoundRobinBalancer implements LoadBalancer {

  static final long MAX_SCHEDULE_WORK = 1 << 24;

  private final AtomicLong next = new AtomicLong();
  private volatile Schedule schedule = new Precomputed(new Endpoint[0]);

  private sealed interface Schedule permits Precomputed, Live {
    Endpoint pick(long position);
  }

  /** The whole period, computed in advance. */
  private record Precomputed(Endpoint[] order) implements Schedule {
    @Override
    public Endpoint pick(long position) {
      return order.length == 0 ? null : order[(int) Math.floorMod(position, (long) order.length)];
    }
  }

  /** The algorithm stepped per pick, for periods too long to precompute. */
  private record Live(Endpoint[] endpoints, SmoothWeights weights) implements Schedule {
    @Override
    public Endpoint pick(long position) {
      synchronized (weights) {
        return endpoints[weights.next()];
      }
    }
  }

  @Override
  public void update(EndpointSet endpoints) {
    List<Endpoint> available = endpoints.available();
    Endpoint[] array = available.toArray(new Endpoint[0]);
    int[] weights = reducedWeights(available);
    SmoothWeights smooth = new SmoothWeights(weights);
    if (smooth.period() * weights.length > MAX_SCHEDULE_WORK) {
      schedule = new Live(array, smooth);
      return;
    }
    Endpoint[] order = new Endpoint[(int) smooth.period()];
    for (int i = 0; i < order.length; i++) order[i] = array[smooth.next()];
    schedule = new Precomputed(order);
  }

  @Override
  public Endpoint pick(PickContext context) {
    return schedule.pick(next.getAndIncrement());
  }

  private static int[] reducedWeights(List<Endpoint> endpoints) {
    int gcd = 0;
    for (Endpoint e : endpoints) gcd = gcd(gcd, Math.max(1, e.weight()));
    int[] weights = new int[endpoints.size()];
    for (int i = 0; i < weights.length; i++) weights[i] = Math.max(1, endpoints.get(i).weight()) / gcd;
    return weights;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
