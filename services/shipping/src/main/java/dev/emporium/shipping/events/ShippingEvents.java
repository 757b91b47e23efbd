package dev.emporium.shipping.events;

import dev.emporium.platform.events.outbox.Outbox;
import dev.emporium.shipping.ShippingProperties;
import dev.emporium.shipping.events.ShippingEvent.ShipmentCancelled;
import dev.emporium.shipping.events.ShippingEvent.ShipmentCreated;
import dev.emporium.shipping.events.ShippingEvent.ShipmentDelivered;
import dev.emporium.shipping.events.ShippingEvent.ShipmentDispatched;
import dev.emporium.shipping.events.ShippingEvent.ShipmentFailed;
import dev.emporium.shipping.shipment.Shipment;
import dev.emporium.shipping.shipment.ShipmentFailure;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Writes shipping events to the outbox, in the transaction of the change they report. */
@Component
public class ShippingEvents {

  /** The schemas' limit on a reason or detail; longer texts are cut. */
  static final int MAX_TEXT_LENGTH = 500;

  private final Outbox outbox;
  private final String topic;

  ShippingEvents(Outbox outbox, ShippingProperties properties) {
    this.outbox = outbox;
    this.topic = properties.topic();
  }

  public void created(Shipment shipment) {
    outbox.append(topic, new ShipmentCreated(shipment.orderId(), shipment.userId(), shipment.id().toString(),
        shipment.trackingNumber(), shipment.carrier(), shipment.createdAt()));
  }

  public void failed(String orderId, String userId, ShipmentFailure failure, String detail, Instant at) {
    outbox.append(topic, new ShipmentFailed(orderId, userId, failure.reason(), cut(detail), at));
  }

  public void cancelled(Shipment shipment, String reason, Instant at) {
    outbox.append(topic, new ShipmentCancelled(shipment.orderId(), shipment.userId(), shipment.id().toString(),
        cut(reason), at));
  }

  public void dispatched(Shipment shipment, Instant at) {
    outbox.append(topic, new ShipmentDispatched(shipment.orderId(), shipment.userId(), shipment.id().toString(),
        shipment.trackingNumber(), shipment.carrier(), at));
  }

  public void delivered(Shipment shipment, Instant at) {
    outbox.append(topic, new ShipmentDelivered(shipment.orderId(), shipment.userId(), shipment.id().toString(),
        shipment.trackingNumber(), shipment.carrier(), at));
  }

  private static String cut(String text) {
    return text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text;
  }
}
