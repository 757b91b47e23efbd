package dev.emporium.shipping.shipment;

/**
 * What the service has decided for an order. PENDING: it still waits for the order or for its
 * reservation. SHIPPED: a shipment exists (its own status says where it is). FAILED: ShipmentFailed
 * was published. CANCELLED: the order was cancelled before any shipment, so none will be made.
 */
public enum OrderOutcome {
  PENDING, SHIPPED, FAILED, CANCELLED
}
