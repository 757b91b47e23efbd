package dev.emporium.inventory.stock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The command to reserve every line of a paid order. Lines naming the same product are merged, so
 * that the availability check sees the order's whole demand for it.
 */
public record ReserveStock(String orderId, List<OrderLine> lines) {

  public ReserveStock {
    if (orderId == null || orderId.isBlank() || orderId.length() > 100) {
      throw new InvalidReservationException("orderId must be 1 to 100 characters");
    }
    if (lines == null || lines.isEmpty()) {
      throw new InvalidReservationException("order " + orderId + " has no lines to reserve");
    }
    Map<UUID, Long> merged = new LinkedHashMap<>();
    lines.forEach(line -> merged.merge(line.productId(), (long) line.quantity(), Long::sum));
    lines = merged.entrySet().stream().map(e -> new OrderLine(e.getKey(), Math.toIntExact(e.getValue()))).toList();
  }

  /** Checks the configured limits (they are settings, so the record cannot know them). */
  public ReserveStock requireWithin(int maxLines, int maxQuantity) {
    if (lines.size() > maxLines) {
      throw new InvalidReservationException("order " + orderId + " has " + lines.size() + " products; at most "
          + maxLines);
    }
    for (OrderLine line : lines) {
      if (line.quantity() > maxQuantity) {
        throw new InvalidReservationException("order " + orderId + " asks for " + line.quantity() + " of "
            + line.productId() + "; at most " + maxQuantity);
      }
    }
    return this;
  }
}
