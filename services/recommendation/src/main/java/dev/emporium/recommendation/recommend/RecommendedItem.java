package dev.emporium.recommendation.recommend;

import dev.emporium.recommendation.catalog.Product;

/** One recommended product, with its score and the reason it was picked. */
public record RecommendedItem(Product product, long score, Reason reason) {}
