package dev.emporium.order.cart;

/** The cart service could not be read (down, too slow, or failing). */
public class CartUnavailableException extends RuntimeException {

  public CartUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
