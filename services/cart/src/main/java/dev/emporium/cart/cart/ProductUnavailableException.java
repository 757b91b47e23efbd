package dev.emporium.cart.cart;

/** The product cannot be put in a cart: the catalogue does not know it, or it is withdrawn from sale. */
public class ProductUnavailableException extends RuntimeException {

  public ProductUnavailableException(String message) {
    super(message);
  }
}
