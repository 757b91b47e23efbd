package dev.emporium.order.order;

/**
 * The answer to a placement: the order as created, and whether this request created it or repeated
 * an earlier one with the same idempotency key.
 */
public record Placed(OrderDetails order, boolean replayed) {}
