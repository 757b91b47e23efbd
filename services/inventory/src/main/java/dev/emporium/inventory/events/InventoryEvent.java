package dev.emporium.inventory.events;

import dev.emporium.inventory.stock.ReservedLine;
import dev.emporium.inventory.stock.Shortage;
import dev.emporium.platform.events.DomainEvent;
import java.time.Instant;
import java.util.List;

/**
 * The inventory events, published on {@code inventory-events} keyed by order id (they are steps of
 * the order's saga). Schemas: src/main/resources/events/&lt;Type&gt;.schema.json.
 */
public sealed interface InventoryEvent extends DomainEvent {

  record Line(String productId, String warehouse, int quantity) {

    static List<Line> of(List<ReservedLine> lines) {
      return lines.stream().map(l -> new Line(l.productId().toString(), l.warehouse(), l.quantity())).toList();
    }
  }

  record Shortfall(String productId, long requested, long available) {

    static List<Shortfall> of(List<Shortage> shortages) {
      return shortages.stream().map(s -> new Shortfall(s.productId().toString(), s.requested(), s.available())).toList();
    }
  }

  /** Every line of a paid order is reserved, from these warehouses. */
  record InventoryReserved(String orderId, List<Line> lines, Instant occurredAt) implements InventoryEvent {

    @Override
    public String aggregateId() {
      return orderId;
    }
  }

  /** A paid order could not be reserved whole, so nothing was reserved; these products are short. */
  record InventoryInsufficient(String orderId, List<Shortfall> shortages, Instant occurredAt) implements InventoryEvent {

    @Override
    public String aggregateId() {
      return orderId;
    }
  }

  /** The reservation of a cancelled order was released: its units are available again. */
  record InventoryReleased(String orderId, List<Line> lines, String reason, Instant occurredAt)
      implements InventoryEvent {

    @Override
    public String aggregateId() {
      return orderId;
    }
  }
}
