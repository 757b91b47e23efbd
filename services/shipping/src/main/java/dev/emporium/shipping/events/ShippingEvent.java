package dev.emporium.shipping.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.emporium.platform.events.DomainEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The shipping events, published on {@code shipping-events} keyed by order id (they are steps of
 * the order's saga). Schemas: src/main/resources/events/&lt;Type&gt;.schema.json.
 */
public sealed interface ShippingEvent extends DomainEvent {

  String orderId();

  @Override
  default String aggregateId() {
    return orderId();
  }

  /** A reserved order has a shipment: the carrier takes it under this tracking number. */
  record ShipmentCreated(String orderId, String userId, String shipmentId, String trackingNumber, String carrier,
      Instant occurredAt) implements ShippingEvent {}

  /** A reserved order cannot be shipped (reason {@code address-unserviceable} or {@code invalid-address}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ShipmentFailed(String orderId, String userId, String reason, @Nullable String detail, Instant occurredAt)
      implements ShippingEvent {}

  /** The shipment of a cancelled order was stopped before the hand-over; reason is the order's. */
  record ShipmentCancelled(String orderId, String userId, String shipmentId, String reason, Instant occurredAt)
      implements ShippingEvent {}

  /** The parcel was handed over to the carrier. */
  record ShipmentDispatched(String orderId, String userId, String shipmentId, String trackingNumber, String carrier,
      Instant occurredAt) implements ShippingEvent {}

  /** The carrier delivered the parcel. */
  record ShipmentDelivered(String orderId, String userId, String shipmentId, String trackingNumber, String carrier,
      Instant occurredAt) implements ShippingEvent {}
}
