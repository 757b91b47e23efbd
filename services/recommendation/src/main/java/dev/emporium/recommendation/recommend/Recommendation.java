package dev.emporium.recommendation.recommend;

import java.util.List;

/** An answer: what it is based on, and the items, best first. */
public record Recommendation(Strategy strategy, List<RecommendedItem> items) {

  public Recommendation {
    items = List.copyOf(items);
  }
}
