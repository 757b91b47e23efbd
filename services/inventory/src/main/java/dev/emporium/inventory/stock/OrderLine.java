package dev.emporium.inventory.stock;

import java.util.UUID;

/** One line of an order to reserve: a product and how many units of it. */
public record OrderLine(UUID productId, int quantity) {

  public OrderLine {
    if (productId == null) {
      throw new InvalidReservationException("a line has no productId");
    }
    if (quantity < 1) {
      throw new InvalidReservationException("line " + productId + " asks for " + quantity + " units; at least 1");
    }
  }
}
