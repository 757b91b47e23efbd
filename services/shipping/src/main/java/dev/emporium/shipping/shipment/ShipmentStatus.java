package dev.emporium.shipping.shipment;

/**
 * Where a shipment is. CREATED: labelled, waiting in the warehouse, still cancellable. DISPATCHED:
 * handed over to the carrier, past cancelling. DELIVERED: arrived. CANCELLED: its order was
 * cancelled before the hand-over.
 */
public enum ShipmentStatus {
  CREATED, DISPATCHED, DELIVERED, CANCELLED;

  /** Whether the parcel is still with us, so that a cancellation of the order stops it. */
  public boolean cancellable() {
    return this == CREATED;
  }

  /** The status an admin's move leads from; a shipment moves forward only. */
  public static ShipmentStatus before(ShipmentStatus target) {
    return switch (target) {
      case DISPATCHED -> CREATED;
      case DELIVERED -> DISPATCHED;
      default -> throw new IllegalArgumentException("no admin move leads to " + target);
    };
  }
}
