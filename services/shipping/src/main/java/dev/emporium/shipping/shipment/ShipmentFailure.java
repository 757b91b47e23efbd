package dev.emporium.shipping.shipment;

/** Why an order cannot be shipped: the {@code reason} of ShipmentFailed (docs/events.md). */
public enum ShipmentFailure {
  /** The destination country is outside {@code emporium.shipping.serviceable-countries}. */
  ADDRESS_UNSERVICEABLE("address-unserviceable"),
  /** The address lacks what a parcel label needs. */
  INVALID_ADDRESS("invalid-address");

  private final String reason;

  ShipmentFailure(String reason) {
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
