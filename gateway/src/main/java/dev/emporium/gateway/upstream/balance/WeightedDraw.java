package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two random candidates of a power-of-two-choices balancer, drawn in proportion to endpoint
 * weight. With equal weights the two are distinct. With unequal weights they are drawn
 * independently (and may coincide), which makes an idle cluster, where every comparison ties and
 * is settled by a coin, receive traffic exactly in proportion to weight. Immutable.
 */
final class WeightedDraw {

  static final WeightedDraw EMPTY = new WeightedDraw(new Endpoint[0], null);

  private final Endpoint[] endpoints;
  /** Running sums of weights, or null when all weights are equal. */
  private final long[] cumulative;

  private WeightedDraw(Endpoint[] endpoints, long[] cumulative) {
    this.endpoints = endpoints;
    this.cumulative = cumulative;
  }

  static WeightedDraw of(List<Endpoint> available) {
    Endpoint[] endpoints = available.toArray(new Endpoint[0]);
    boolean equal = available.stream().mapToInt(Endpoint::weight).distinct().count() <= 1;
    if (equal) return new WeightedDraw(endpoints, null);
    long[] cumulative = new long[endpoints.length];
    long sum = 0;
    for (int i = 0; i < endpoints.length; i++) {
      sum += Math.max(1, endpoints[i].weight());
      cumulative[i] = sum;
    }
    return new WeightedDraw(endpoints, cumulative);
  }

  int size() {
    return endpoints.length;
  }

  Endpoint get(int index) {
    return endpoints[index];
  }

  int first(ThreadLocalRandom random) {
    return cumulative == null ? random.nextInt(endpoints.length) : weighted(random);
  }

  /** The second candidate; call only when there are at least two endpoints. */
  int second(ThreadLocalRandom random, int first) {
    if (cumulative != null) return weighted(random);
    int j = random.nextInt(endpoints.length - 1);
    return j >= first ? j + 1 : j;
  }

  private int weighted(ThreadLocalRandom random) {
    long r = random.nextLong(cumulative[cumulative.length - 1]);
    int i = Arrays.binarySearch(cumulative, r);
    // cumulative[i] is the first running sum above r: an exact hit belongs to the next endpoint.
    return i >= 0 ? i + 1 : -i - 1;
  }
}
