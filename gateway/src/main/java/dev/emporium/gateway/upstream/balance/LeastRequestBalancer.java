package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Least request by the power of two random choices: draw two endpoints and take the one with fewer
 * requests in flight per unit of weight, a coin settling ties. Comparing two random endpoints rather
 * than scanning for the global minimum costs O(1) and avoids the herd effect of every event loop
 * piling onto the same momentarily idle endpoint, while still steering clearly away from loaded ones
 * (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing").
 */
public final class LeastRequestBalancer implements LoadBalancer {

  private volatile WeightedDraw draw = WeightedDraw.EMPTY;

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
    // inFlight(a) / weight(a) against inFlight(b) / weight(b), without division.
    long left = (long) a.inFlight() * Math.max(1, b.weight());
    long right = (long) b.inFlight() * Math.max(1, a.weight());
    if (left != right) return left < right ? a : b;
    return random.nextBoolean() ? a : b;
  }
}
