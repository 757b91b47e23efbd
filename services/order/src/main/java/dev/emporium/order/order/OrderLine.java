package dev.emporium.order.order;

import java.util.Objects;

/** One product of an order, with the name and unit price the catalogue had when the order was placed. */
public record OrderLine(String productId, String name, int quantity, Money unitPrice) {

  public OrderLine {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity < 1) {
      throw new IllegalArgumentException("a line holds at least one unit");
    }
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }
}
