package dev.emporium.cart.cart;

/** Other requests kept changing the same cart; every attempt to apply this change lost the race. */
public class CartBusyException extends RuntimeException {

  public CartBusyException(int attempts) {
    super("the cart changed during each of " + attempts + " attempts to update it; try again");
  }
}
