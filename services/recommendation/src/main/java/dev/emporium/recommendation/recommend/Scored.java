package dev.emporium.recommendation.recommend;

import dev.emporium.recommendation.catalog.Product;

/** A product as a ranking query returns it, with its score under that ranking. */
record Scored(Product product, long score) {}
