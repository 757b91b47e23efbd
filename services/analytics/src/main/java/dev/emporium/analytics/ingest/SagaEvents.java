package dev.emporium.analytics.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The analytics service's copies of the saga events it reads (services share schemas, not code):
 * only the fields it aggregates. Fields it does not know are ignored, so producers may add optional ones.
 */
final class SagaEvents {

  private SagaEvents() {}

  /** Any step of an order that the funnel counts: OrderCreated, InventoryReserved, ShipmentCreated, OrderCompleted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record OrderStep(@Nullable String orderId, @Nullable Instant occurredAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record OrderCancelled(@Nullable String orderId, @Nullable String reason, @Nullable Instant occurredAt) {}

  /** PaymentProcessed and PaymentRefunded: amount and currency side by side. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Payment(@Nullable String orderId, @Nullable String paymentId, @Nullable BigDecimal amount,
      @Nullable String currency, @Nullable Instant occurredAt) {}
}
