package dev.emporium.inventory.stock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides, from the locked stock rows of an order's products, whether the whole order can be
 * reserved and from which warehouses: all lines or none. A line may be split across warehouses;
 * the fullest warehouse is taken first (fewest splits), ties by name so that the result is stable.
 */
public sealed interface Allocation {

  /** Every line is covered: reserve these. */
  record Reserved(List<ReservedLine> lines) implements Allocation {}

  /** At least one line is not: reserve nothing, report every short product. */
  record Insufficient(List<Shortage> shortages) implements Allocation {}

  static Allocation of(List<OrderLine> lines, List<Stock> stock) {
    Map<UUID, List<Stock>> byProduct = stock.stream().collect(Collectors.groupingBy(Stock::productId));
    List<ReservedLine> reserved = new ArrayList<>();
    List<Shortage> shortages = new ArrayList<>();
    for (OrderLine line : lines) {
      List<Stock> rows = new ArrayList<>(byProduct.getOrDefault(line.productId(), List.of()));
      long available = rows.stream().mapToLong(Stock::available).sum();
      if (available < line.quantity()) {
        shortages.add(new Shortage(line.productId(), line.quantity(), available));
        continue;
      }
      rows.sort(Comparator.comparingLong(Stock::available).reversed().thenComparing(Stock::warehouse));
      int remaining = line.quantity();
      for (Stock row : rows) {
        int take = (int) Math.min(remaining, row.available());
        if (take > 0) {
          reserved.add(new ReservedLine(line.productId(), row.warehouse(), take));
          remaining -= take;
        }
        if (remaining == 0) {
          break;
        }
      }
    }
    return shortages.isEmpty() ? new Reserved(List.copyOf(reserved)) : new Insufficient(List.copyOf(shortages));
  }
}
