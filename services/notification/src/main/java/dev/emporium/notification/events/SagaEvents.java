package dev.emporium.notification.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The notification service's copies of the saga events it reads (docs/events.md, "The order saga";
 * services share schemas, not code): only the fields it uses. Fields it does not know are ignored,
 * so producers may add optional ones.
 */
final class SagaEvents {

  private SagaEvents() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Money(BigDecimal amount, String currency) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Item(String productId, String name, Integer quantity, Money unitPrice) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record OrderCreated(String orderId, String userId, List<Item> items, Money total, Instant occurredAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record OrderCancelled(String orderId, String userId, String reason, String detail, String previousStatus,
      Instant occurredAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PaymentProcessed(String orderId, String userId, String paymentId, BigDecimal amount, String currency,
      Instant occurredAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ShipmentCreated(String orderId, String userId, String shipmentId, String trackingNumber, String carrier,
      Instant occurredAt) {}
}
