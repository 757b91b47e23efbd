package dev.emporium.order.cart;

import java.util.List;

/** Reads a user's cart from the cart service ({@link HttpCartClient}). */
public interface CartClient {

  /**
   * @return the lines of {@code userId}'s cart, empty when the cart is empty or expired
   * @throws CartUnavailableException when the cart service does not answer in time or fails
   */
  List<CartLine> lines(String userId);
}
