package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A consistent-hash ring (as in ketama): each endpoint owns points placed by hashing its address
 * with a counter, as many as its weight calls for; a key belongs to the first point at or after its
 * hash. A point's place depends only on its endpoint's address, so when an endpoint leaves only the
 * keys on its points move, and two gateways with the same members agree on every key. Immutable.
 */
final class HashRing {

  /** Points per unit of weight; ketama's 160 keeps each endpoint's share within about 10 % of fair. */
  static final int POINTS_PER_WEIGHT = 160;

  /** Weights are scaled down past this many points, so a large weighted cluster stays small in memory. */
  static final int MAX_POINTS = 1 << 18;

  static final HashRing EMPTY = new HashRing(new long[0], new Endpoint[0]);

  private final long[] points;
  private final Endpoint[] owners;

  private HashRing(long[] points, Endpoint[] owners) {
    this.points = points;
    this.owners = owners;
  }

  static HashRing of(List<Endpoint> endpoints) {
    if (endpoints.isEmpty()) return EMPTY;
    int gcd = 0;
    long totalWeight = 0;
    for (Endpoint e : endpoints) {
      gcd = gcd(gcd, Math.max(1, e.weight()));
      totalWeight += Math.max(1, e.weight());
    }
    long wanted = totalWeight / gcd * POINTS_PER_WEIGHT;
    double scale = wanted > MAX_POINTS ? (double) MAX_POINTS / wanted : 1.0;
    record Point(long hash, Endpoint owner) {}
    List<Point> all = new ArrayList<>();
    for (Endpoint e : endpoints) {
      int count = (int) Math.max(1, Math.round(Math.max(1, e.weight()) / gcd * POINTS_PER_WEIGHT * scale));
      for (int i = 0; i < count; i++) {
        all.add(new Point(XxHash64.hash(e.id() + '#' + i, 0), e));
      }
    }
    // Ties (vanishingly rare) go to the lower address, so every gateway builds the same ring.
    all.sort(Comparator.comparingLong(Point::hash).thenComparing(p -> p.owner().id()));
    long[] points = new long[all.size()];
    Endpoint[] owners = new Endpoint[all.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = all.get(i).hash();
      owners[i] = all.get(i).owner();
    }
    return new HashRing(points, owners);
  }

  /** The endpoint owning {@code hash}, or null when the ring is empty. */
  Endpoint owner(long hash) {
    if (points.length == 0) return null;
    int i = Arrays.binarySearch(points, hash);
    if (i < 0) i = -i - 1;
    // Several points may share the hash; binarySearch may land on any of them, so step back to the first.
    while (i > 0 && i < points.length && points[i - 1] == hash) i--;
    return owners[i == points.length ? 0 : i];
  }

  int size() {
    return points.length;
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
