package dev.emporium.shipping.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** The shipping service's copy of the inventory service's {@code InventoryReserved} data. */
@JsonIgnoreProperties(ignoreUnknown = true)
record InventoryReserved(String orderId, List<Line> lines, Instant occurredAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Line(String productId, String warehouse, Integer quantity) {}
}
