package dev.emporium.inventory.stock;

/**
 * Where an order stands with this service. RESERVED holds stock; INSUFFICIENT and RELEASED hold
 * none (RELEASED without lines: the cancellation came before the payment, so a late payment
 * reserves nothing). COMMITTED is for stock that left with a shipment: no use case sets it yet.
 */
public enum ReservationState {
  RESERVED, INSUFFICIENT, RELEASED, COMMITTED;

  /** Whether reservation lines take this state too (lines exist only for reserved orders). */
  public boolean appliesToLines() {
    return this != INSUFFICIENT;
  }
}
