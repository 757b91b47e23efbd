package dev.emporium.order.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its saga. The happy path is PENDING → PAID → RESERVED → COMPLETED; any
 * state before COMPLETED may end in CANCELLED. An order may also move forward past a step whose
 * event has not arrived yet (PENDING → RESERVED when InventoryReserved overtakes PaymentProcessed on
 * another topic): every participant acts only on the previous step's outcome, so a later step's
 * success proves the earlier ones. Nothing ever moves backwards, and COMPLETED and CANCELLED are final.
 */
public enum OrderStatus {
  PENDING(0),
  PAID(1),
  RESERVED(2),
  COMPLETED(3),
  CANCELLED(Integer.MAX_VALUE);

  private final int progress;

  OrderStatus(int progress) {
    this.progress = progress;
  }

  /** The states this one may move to. */
  public Set<OrderStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(PAID, RESERVED, COMPLETED, CANCELLED);
      case PAID -> EnumSet.of(RESERVED, COMPLETED, CANCELLED);
      case RESERVED -> EnumSet.of(COMPLETED, CANCELLED);
      case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  public boolean canBecome(OrderStatus other) {
    return next().contains(other);
  }

  public boolean isTerminal() {
    return next().isEmpty();
  }

  /** Whether this state is {@code other} or a later step of the happy path (never for CANCELLED). */
  boolean hasReached(OrderStatus other) {
    return this != CANCELLED && other != CANCELLED && progress >= other.progress;
  }
}
