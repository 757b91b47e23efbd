package dev.emporium.order;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data of every event the order service reads, as docs/events.md ("The order saga") says its
 * producer sends it. SagaContractTest checks each against the producer's schema; the saga ITs send
 * them, so what drives the tests is what the contract allows.
 */
public final class SagaFixtures {

  private SagaFixtures() {}

  public static Map<String, Object> paymentProcessed(String orderId, String userId, String productId, int quantity,
      String amount) {
    return data(orderId, "userId", userId, "paymentId", "pay_" + UUID.randomUUID(),
        "items", List.of(Map.of("productId", productId, "quantity", quantity)),
        "amount", new java.math.BigDecimal(amount), "currency", "EUR");
  }

  /** {@code reason}: card-declined, processor-unavailable or invalid-payment. */
  public static Map<String, Object> paymentFailed(String orderId, String userId, String reason) {
    Map<String, Object> data = data(orderId, "userId", userId, "reason", reason);
    if ("card-declined".equals(reason)) {
      data.put("declineCode", "card_declined");
    }
    return data;
  }

  public static Map<String, Object> paymentRefunded(String orderId, String userId, String amount, String reason) {
    return data(orderId, "userId", userId, "paymentId", "pay_" + UUID.randomUUID(),
        "amount", new java.math.BigDecimal(amount), "currency", "EUR", "reason", reason);
  }

  public static Map<String, Object> inventoryReserved(String orderId, String productId, int quantity) {
    return data(orderId, "lines", List.of(Map.of("productId", productId, "warehouse", "main", "quantity", quantity)));
  }

  public static Map<String, Object> inventoryInsufficient(String orderId, String productId, int requested,
      int available) {
    return data(orderId, "shortages",
        List.of(Map.of("productId", productId, "requested", requested, "available", available)));
  }

  public static Map<String, Object> inventoryReleased(String orderId, String productId, int quantity, String reason) {
    return data(orderId, "lines", List.of(Map.of("productId", productId, "warehouse", "main", "quantity", quantity)),
        "reason", reason);
  }

  public static Map<String, Object> shipmentCreated(String orderId, String userId, String trackingNumber) {
    return data(orderId, "userId", userId, "shipmentId", UUID.randomUUID().toString(),
        "trackingNumber", trackingNumber, "carrier", "dhl");
  }

  /** {@code reason}: address-unserviceable or invalid-address. */
  public static Map<String, Object> shipmentFailed(String orderId, String userId, String reason) {
    return data(orderId, "userId", userId, "reason", reason, "detail", "no carrier serves this postal code");
  }

  public static Map<String, Object> shipmentCancelled(String orderId, String userId, String reason) {
    return data(orderId, "userId", userId, "shipmentId", UUID.randomUUID().toString(), "reason", reason);
  }

  private static Map<String, Object> data(String orderId, Object... fields) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    for (int i = 0; i < fields.length; i += 2) {
      data.put((String) fields[i], fields[i + 1]);
    }
    data.put("occurredAt", Instant.now().toString());
    return data;
  }
}
