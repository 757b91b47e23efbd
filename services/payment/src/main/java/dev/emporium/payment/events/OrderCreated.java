package dev.emporium.payment.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * The payment service's copy of the order service's {@code OrderCreated} data (services share
 * schemas, not code): what it reads of it. Unknown fields (the shipping address, item names and
 * prices) are ignored, so the producer may add optional ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCreated(String orderId, String userId, List<Item> items, Money total, String paymentMethod) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Item(String productId, Integer quantity) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Money(BigDecimal amount, String currency) {}
}
