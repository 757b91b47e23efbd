package dev.emporium.cart.cart;

/** The caller's cart has no line for this product. */
public class CartLineNotFoundException extends RuntimeException {

  public CartLineNotFoundException(String productId) {
    super("cart line " + productId);
  }
}
