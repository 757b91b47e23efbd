package dev.emporium.recommendation.recommend;

/** What an answer is based on, as clients see it in {@code strategy}. */
public enum Strategy {
  /** Products bought together with the product asked about (filled up with popular ones). */
  BOUGHT_TOGETHER("bought-together"),
  /** Picks from the caller's own purchases (filled up with popular ones they have not bought). */
  PERSONALIZED("personalized"),
  /** Popular products only: anonymous callers, unknown products, products never bought with another. */
  POPULAR("popular");

  private final String value;

  Strategy(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
