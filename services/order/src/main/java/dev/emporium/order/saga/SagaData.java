package dev.emporium.order.saga;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The order service's copies of the data of the saga events it reads (services share schemas, not
 * code): only the fields it uses. Unknown fields are ignored, so producers may add optional ones.
 */
final class SagaData {

  private SagaData() {}

  /** What every saga event names: the order, and when it happened. */
  interface AboutOrder {
    @Nullable String orderId();

    @Nullable Instant occurredAt();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PaymentProcessed(String orderId, String paymentId, BigDecimal amount, String currency, Instant occurredAt)
      implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PaymentFailed(String orderId, String reason, @Nullable String declineCode, @Nullable String detail,
      Instant occurredAt) implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PaymentRefunded(String orderId, String paymentId, BigDecimal amount, String currency, String reason,
      Instant occurredAt) implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Line(String productId, String warehouse, Integer quantity) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record InventoryReserved(String orderId, List<Line> lines, Instant occurredAt) implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Shortage(String productId, Long requested, Long available) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record InventoryInsufficient(String orderId, List<Shortage> shortages, Instant occurredAt) implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record InventoryReleased(String orderId, List<Line> lines, String reason, Instant occurredAt)
      implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ShipmentCreated(String orderId, String shipmentId, String trackingNumber, String carrier, Instant occurredAt)
      implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ShipmentFailed(String orderId, String reason, @Nullable String detail, Instant occurredAt)
      implements AboutOrder {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ShipmentCancelled(String orderId, String shipmentId, String reason, Instant occurredAt)
      implements AboutOrder {}
}
