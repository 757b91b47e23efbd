package dev.emporium.recommendation.purchases;

import java.util.UUID;

/** Units of one product in a completed order. */
public record OrderLine(UUID productId, long quantity) {

  public OrderLine {
    if (productId == null) {
      throw new InvalidOrderException("an item has no productId");
    }
    if (quantity < 1) {
      throw new InvalidOrderException("the quantity of " + productId + " must be at least 1");
    }
  }
}
