package dev.emporium.recommendation.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The service's copy of the order service's {@code OrderCompleted} data: what it reads of it
 * (unit prices, total and tracking number are not its business).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCompleted(String orderId, String userId, List<Item> items, Instant occurredAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Item(String productId, Long quantity) {}
}
