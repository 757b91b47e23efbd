package dev.emporium.recommendation.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The service's copy of the product service's {@code ProductCreated} and {@code ProductUpdated}
 * data (both carry the whole product): what it reads of it. Fields it does not need (description,
 * attributes) or does not know are ignored, so the producer may add optional ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProductChanged(String productId, Long version, String name, Price price, String category, Boolean active,
    Instant occurredAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Price(BigDecimal amount, String currency) {}
}
