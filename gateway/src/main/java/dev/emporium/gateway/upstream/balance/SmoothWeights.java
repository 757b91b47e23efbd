package dev.emporium.gateway.upstream.balance;

/**
 * Nginx's smooth weighted round-robin, one step at a time: each endpoint's current weight grows by
 * its weight, the largest is chosen (the first among equals) and loses the total. Weights 5, 1, 1
 * give a, a, b, a, c, a, a: each endpoint gets its share in every window, never in a burst. The
 * sequence repeats after (sum of weights) steps. Mutable and not thread-safe.
 */
final class SmoothWeights {

  private final int[] weights;
  private final long[] current;
  private final long total;

  SmoothWeights(int[] weights) {
    this.weights = weights.clone();
    this.current = new long[weights.length];
    long sum = 0;
    for (int w : weights) sum += w;
    this.total = sum;
  }

  /** The index of the next endpoint. */
  int next() {
    int best = 0;
    for (int i = 0; i < weights.length; i++) {
      current[i] += weights[i];
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    return best;
  }

  /** Steps until the sequence repeats. */
  long period() {
    return total;
  }
}
