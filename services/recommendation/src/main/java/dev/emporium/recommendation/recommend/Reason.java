package dev.emporium.recommendation.recommend;

/** Why one item is recommended, as clients see it in {@code reason}; its {@code score} means the same. */
public enum Reason {
  /** Bought in the same orders: score = the number of completed orders (summed over the user's purchases). */
  BOUGHT_TOGETHER("bought-together"),
  /** Sells well in the category of the product asked about, or of the caller's purchases: score = units in the window. */
  POPULAR_IN_CATEGORY("popular-in-category"),
  /** Sells well: score = units sold in completed orders of the popular window. */
  POPULAR("popular"),
  /** Among the newest active products, for a catalogue with too few sales: score = 0. */
  NEW("new");

  private final String value;

  Reason(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
