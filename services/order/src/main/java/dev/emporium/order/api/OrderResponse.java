package dev.emporium.order.api;

import dev.emporium.order.order.Money;
import dev.emporium.order.order.Order;
import dev.emporium.order.order.OrderDetails;
import dev.emporium.order.order.OrderLine;
import dev.emporium.order.order.ShippingAddress;
import dev.emporium.order.order.TimelineEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it. {@code timeline} is null in list pages (ask the order for it);
 * {@code cancellationReason} and {@code trackingNumber} are null until the saga sets them.
 */
public record OrderResponse(String id, String userId, String status, List<Item> items, Price total,
    ShippingAddress shippingAddress, String paymentMethod, boolean fromCart, @Nullable List<Step> timeline,
    @Nullable String cancellationReason, @Nullable String trackingNumber, Instant createdAt, Instant updatedAt) {

  public record Price(BigDecimal amount, String currency) {
    static Price of(Money money) {
      return new Price(money.amount(), money.currency());
    }
  }

  public record Item(String productId, String name, int quantity, Price unitPrice, Price lineTotal) {
    static Item of(OrderLine line) {
      return new Item(line.productId(), line.name(), line.quantity(), Price.of(line.unitPrice()),
          Price.of(line.lineTotal()));
    }
  }

  public record Step(String step, Instant at, @Nullable String detail, boolean ignored) {
    static Step of(TimelineEntry entry) {
      return new Step(entry.step(), entry.at(), entry.detail(), entry.ignored());
    }
  }

  static OrderResponse of(OrderDetails details) {
    return of(details.order(), details.timeline().stream().map(Step::of).toList());
  }

  static OrderResponse summary(Order order) {
    return of(order, null);
  }

  private static OrderResponse of(Order order, @Nullable List<Step> timeline) {
    return new OrderResponse(order.id().toString(), order.userId(), order.status().name(),
        order.lines().stream().map(Item::of).toList(), Price.of(order.total()), order.shippingAddress(),
        order.paymentMethod(), order.fromCart(), timeline,
        order.cancellationReason() == null ? null : order.cancellationReason().code(), order.trackingNumber(),
        order.createdAt(), order.updatedAt());
  }
}
