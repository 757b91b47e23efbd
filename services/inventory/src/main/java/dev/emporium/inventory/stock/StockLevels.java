package dev.emporium.inventory.stock;

import java.util.List;
import java.util.UUID;

/** A product's stock in every warehouse that has held it. */
public record StockLevels(UUID productId, List<Stock> warehouses) {

  public long onHand() {
    return warehouses.stream().mapToLong(Stock::onHand).sum();
  }

  public long reserved() {
    return warehouses.stream().mapToLong(Stock::reserved).sum();
  }

  public long available() {
    return onHand() - reserved();
  }
}
