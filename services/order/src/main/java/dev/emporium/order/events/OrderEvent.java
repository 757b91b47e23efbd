package dev.emporium.order.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.emporium.order.order.Money;
import dev.emporium.order.order.Order;
import dev.emporium.order.order.OrderLine;
import dev.emporium.order.order.ShippingAddress;
import dev.emporium.platform.events.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The order events, published on {@code order-events} keyed by order id. Schemas:
 * src/main/resources/events/&lt;Type&gt;.schema.json; docs/events.md describes them.
 */
public sealed interface OrderEvent extends DomainEvent {

  /** Money as every saga event carries it: {@code {amount, currency}}. */
  record Price(BigDecimal amount, String currency) {
    static Price of(Money money) {
      return new Price(money.amount(), money.currency());
    }
  }

  record CreatedItem(String productId, String name, int quantity, Price unitPrice) {
    static CreatedItem of(OrderLine line) {
      return new CreatedItem(line.productId(), line.name(), line.quantity(), Price.of(line.unitPrice()));
    }
  }

  record CompletedItem(String productId, int quantity, Price unitPrice) {
    static CompletedItem of(OrderLine line) {
      return new CompletedItem(line.productId(), line.quantity(), Price.of(line.unitPrice()));
    }
  }

  /** A customer placed an order: what payment charges and shipping ships (with the address). */
  record OrderCreated(String orderId, String userId, List<CreatedItem> items, Price total, String paymentMethod,
      ShippingAddress shippingAddress, boolean fromCart, Instant occurredAt) implements OrderEvent {

    static OrderCreated of(Order order) {
      return new OrderCreated(order.id().toString(), order.userId(), order.lines().stream().map(CreatedItem::of)
          .toList(), Price.of(order.total()), order.paymentMethod(), order.shippingAddress(), order.fromCart(),
          order.createdAt());
    }

    @Override
    public String aggregateId() {
      return orderId;
    }
  }

  /** The order was shipped: the saga ended well. */
  record OrderCompleted(String orderId, String userId, List<CompletedItem> items, Price total, String trackingNumber,
      Instant occurredAt) implements OrderEvent {

    static OrderCompleted of(Order order) {
      return new OrderCompleted(order.id().toString(), order.userId(), order.lines().stream()
          .map(CompletedItem::of).toList(), Price.of(order.total()), order.trackingNumber(), order.updatedAt());
    }

    @Override
    public String aggregateId() {
      return orderId;
    }
  }

  /** The order was cancelled: the other services undo what they did for it (refund, release, cancel). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OrderCancelled(String orderId, String userId, String reason, @Nullable String detail, String previousStatus,
      Instant occurredAt) implements OrderEvent {

    @Override
    public String aggregateId() {
      return orderId;
    }
  }
}
