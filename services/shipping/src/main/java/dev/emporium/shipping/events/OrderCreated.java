package dev.emporium.shipping.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.emporium.shipping.shipment.Address;
import java.time.Instant;
import java.util.List;

/**
 * The shipping service's copy of the order service's {@code OrderCreated} data (services share
 * schemas, not code): what it needs to ship. Fields it does not know are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCreated(String orderId, String userId, List<Item> items, Address shippingAddress, Instant occurredAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Item(String productId, String name, Integer quantity) {}
}
