package dev.emporium.recommendation.api;

import dev.emporium.recommendation.recommend.Recommendation;
import dev.emporium.recommendation.recommend.RecommendedItem;
import java.math.BigDecimal;
import java.util.List;

/** An answer as clients read it: {@code {strategy, items: [{productId, name, price, category, score, reason}]}}. */
public record RecommendationResponse(String strategy, List<Item> items) {

  public record Item(String productId, String name, Price price, String category, long score, String reason) {

    static Item of(RecommendedItem item) {
      var product = item.product();
      return new Item(product.id().toString(), product.name(),
          new Price(product.price().amount(), product.price().currency()), product.category(), item.score(),
          item.reason().value());
    }
  }

  public record Price(BigDecimal amount, String currency) {}

  static RecommendationResponse of(Recommendation recommendation) {
    return new RecommendationResponse(recommendation.strategy().value(),
        recommendation.items().stream().map(Item::of).toList());
  }
}
