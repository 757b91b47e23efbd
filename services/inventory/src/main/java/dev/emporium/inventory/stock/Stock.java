package dev.emporium.inventory.stock;

import java.util.UUID;

/**
 * The stock of one product in one warehouse: {@code onHand} units are there, {@code reserved} of
 * them are promised to paid orders, the rest is available.
 */
public record Stock(UUID productId, String warehouse, long onHand, long reserved, long version) {

  public Stock {
    if (onHand < 0 || reserved < 0 || reserved > onHand) {
      throw new IllegalStateException("stock of " + productId + " in " + warehouse + " is inconsistent: on hand "
          + onHand + ", reserved " + reserved);
    }
  }

  public long available() {
    return onHand - reserved;
  }
}
