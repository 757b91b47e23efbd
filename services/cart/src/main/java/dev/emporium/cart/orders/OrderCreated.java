package dev.emporium.cart.orders;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The cart service's copy of the order service's {@code OrderCreated} data: what it reads of it.
 * Unknown fields are ignored, so the producer may add optional ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCreated(String orderId, String userId, List<Item> items, Boolean fromCart) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Item(String productId, Integer quantity) {}
}
