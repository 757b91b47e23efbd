package dev.emporium.inventory.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * The inventory service's copy of the payment service's {@code PaymentProcessed} data (services
 * share schemas, not code): what it reads of it. Fields it does not know are ignored, so the
 * producer may add optional ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PaymentProcessed(String orderId, String userId, List<Item> items, BigDecimal amount) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Item(String productId, Integer quantity) {}
}
