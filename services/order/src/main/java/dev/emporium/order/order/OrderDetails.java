package dev.emporium.order.order;

import java.util.List;

/** An order with its timeline, as its owner sees it. */
public record OrderDetails(Order order, List<TimelineEntry> timeline) {

  public OrderDetails {
    timeline = List.copyOf(timeline);
  }

  /**
   * The order as it was the moment it was created (PENDING, its first timeline entry only): what
   * the creating request answered, and what a retry under the same idempotency key answers again.
   */
  public static OrderDetails asCreated(Order order) {
    Order created = new Order(order.id(), order.userId(), OrderStatus.PENDING, order.lines(), order.total(),
        order.shippingAddress(), order.paymentMethod(), order.fromCart(), null, null, order.createdAt(),
        order.createdAt(), order.createdAt());
    return new OrderDetails(created, List.of(created.createdEntry()));
  }
}
