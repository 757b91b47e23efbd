package dev.emporium.cart.cart;

/** What one cart may hold; from the service's settings. */
public record CartLimits(int maxLines, int maxQuantity) {

  public CartLimits {
    if (maxLines < 1 || maxQuantity < 1) {
      throw new IllegalArgumentException("cart limits must be positive");
    }
  }
}
