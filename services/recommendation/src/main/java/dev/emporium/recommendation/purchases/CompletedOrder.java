package dev.emporium.recommendation.purchases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order that reached COMPLETED: the only kind this service learns from (a created order may still
 * fail, a cancelled one was never bought). Lines naming one product are merged, in the order the
 * product first appears, so that each product counts once per order.
 */
public record CompletedOrder(String orderId, String userId, List<OrderLine> lines, Instant completedAt) {

  public CompletedOrder {
    if (orderId == null || orderId.isBlank() || orderId.length() > 100) {
      throw new InvalidOrderException("orderId must be 1 to 100 characters");
    }
    if (userId == null || userId.isBlank()) {
      throw new InvalidOrderException("order " + orderId + " names no userId");
    }
    if (lines == null || lines.isEmpty()) {
      throw new InvalidOrderException("order " + orderId + " has no items");
    }
    if (completedAt == null) {
      throw new InvalidOrderException("order " + orderId + " has no occurredAt");
    }
    lines = merge(lines);
  }

  /** The distinct products of the order, in the order they first appear. */
  public List<UUID> products() {
    return lines.stream().map(OrderLine::productId).toList();
  }

  private static List<OrderLine> merge(List<OrderLine> lines) {
    Map<UUID, Long> units = new LinkedHashMap<>();
    for (OrderLine line : lines) {
      units.merge(line.productId(), line.quantity(), Long::sum);
    }
    List<OrderLine> merged = new ArrayList<>(units.size());
    units.forEach((product, quantity) -> merged.add(new OrderLine(product, quantity)));
    return List.copyOf(merged);
  }
}
