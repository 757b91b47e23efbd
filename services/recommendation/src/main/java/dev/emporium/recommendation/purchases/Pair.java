package dev.emporium.recommendation.purchases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Two distinct products bought in one order; kept in both directions (a with b, b with a). */
public record Pair(UUID product, UUID other) {

  /** Stable order of the rows an order updates, so concurrent orders lock shared rows in one order. */
  static final Comparator<Pair> ORDER = Comparator.comparing(Pair::product).thenComparing(Pair::other);

  /**
   * Every ordered pair of the first {@code maxProducts} distinct products: an order of n products
   * gives n(n-1) pairs, so a huge order is bounded to maxProducts(maxProducts-1) updates. Sorted by
   * {@link #ORDER}.
   */
  public static List<Pair> of(List<UUID> distinctProducts, int maxProducts) {
    List<UUID> products = distinctProducts.subList(0, Math.min(maxProducts, distinctProducts.size()));
    List<Pair> pairs = new ArrayList<>(products.size() * Math.max(0, products.size() - 1));
    for (UUID a : products) {
      for (UUID b : products) {
        if (!a.equals(b)) {
          pairs.add(new Pair(a, b));
        }
      }
    }
    pairs.sort(ORDER);
    return pairs;
  }
}
