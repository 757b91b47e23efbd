package dev.emporium.notification.job;

import java.util.Arrays;
import java.util.Optional;

/** The saga events that users are told about, by their CloudEvents type. */
public enum NoticeKind {
  ORDER_CREATED("OrderCreated"),
  PAYMENT_PROCESSED("PaymentProcessed"),
  SHIPMENT_CREATED("ShipmentCreated"),
  ORDER_CANCELLED("OrderCancelled");

  private final String eventType;

  NoticeKind(String eventType) {
    this.eventType = eventType;
  }

  public String eventType() {
    return eventType;
  }

  public static Optional<NoticeKind> ofEventType(String type) {
    return Arrays.stream(values()).filter(kind -> kind.eventType.equals(type)).findFirst();
  }
}
