package dev.emporium.inventory.api;

import dev.emporium.inventory.stock.Stock;
import dev.emporium.inventory.stock.StockLevels;
import java.util.List;

/** A product's stock: per warehouse, and the totals. */
public record StockResponse(String productId, List<Warehouse> warehouses, long onHand, long reserved, long available) {

  public record Warehouse(String warehouse, long onHand, long reserved, long available) {

    static Warehouse of(Stock stock) {
      return new Warehouse(stock.warehouse(), stock.onHand(), stock.reserved(), stock.available());
    }
  }

  static StockResponse of(StockLevels levels) {
    return new StockResponse(levels.productId().toString(), levels.warehouses().stream().map(Warehouse::of).toList(),
        levels.onHand(), levels.reserved(), levels.available());
  }
}
