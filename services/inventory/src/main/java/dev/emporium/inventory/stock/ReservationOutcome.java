package dev.emporium.inventory.stock;

import java.util.List;

/** What {@link Inventory#reserve} did with an order. */
public sealed interface ReservationOutcome {

  record Reserved(List<ReservedLine> lines) implements ReservationOutcome {}

  record Insufficient(List<Shortage> shortages) implements ReservationOutcome {}

  /** The order had been decided before (a redelivered or repeated payment, or cancelled first): nothing done. */
  record AlreadyDecided(ReservationState state) implements ReservationOutcome {}
}
