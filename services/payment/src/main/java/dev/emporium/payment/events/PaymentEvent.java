package dev.emporium.payment.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.emporium.platform.events.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The payment events, published on {@code payment-events} keyed by order id (they are steps of the
 * order's saga). Schemas: src/main/resources/events/&lt;Type&gt;.schema.json.
 */
public sealed interface PaymentEvent extends DomainEvent {

  String orderId();

  @Override
  default String aggregateId() {
    return orderId();
  }

  /** What the inventory reserves for a paid order. */
  record Item(String productId, int quantity) {}

  /** The order's total was captured. */
  record PaymentProcessed(String orderId, String userId, String paymentId, List<Item> items, BigDecimal amount,
      String currency, Instant occurredAt) implements PaymentEvent {}

  /** The order could not be paid: {@code card-declined}, {@code processor-unavailable} or {@code invalid-payment}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PaymentFailed(String orderId, String userId, String reason, String declineCode, String detail,
      Instant occurredAt) implements PaymentEvent {}

  /** A cancelled order's captured charge was refunded in full. */
  record PaymentRefunded(String orderId, String userId, String paymentId, BigDecimal amount, String currency,
      String reason, Instant occurredAt) implements PaymentEvent {}
}
