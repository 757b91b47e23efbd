package dev.emporium.cart.cart;

import java.util.Objects;

/**
 * One product in a cart, with the name and unit price the catalogue had when it was first added:
 * a later price change does not alter what the shopper was shown.
 */
public record CartLine(String productId, String name, int quantity, Money unitPrice) {

  public CartLine {
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

  CartLine withQuantity(int newQuantity) {
    return new CartLine(productId, name, newQuantity, unitPrice);
  }
}
