package dev.emporium.recommendation.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * The service's copy of a product: what recommendations show and filter on. {@code version} is the
 * product service's, ordering its changes; {@code createdAt} is when the product first appeared.
 */
public record Product(UUID id, long version, String name, Money price, String category, boolean active,
    Instant createdAt) {

  public Product {
    if (id == null) {
      throw new InvalidProductException("productId is missing");
    }
    if (version < 1) {
      throw new InvalidProductException("version must be at least 1");
    }
    if (name == null || name.isBlank()) {
      throw new InvalidProductException("name is missing");
    }
    if (price == null) {
      throw new InvalidProductException("price is missing");
    }
    if (category == null || category.isBlank()) {
      throw new InvalidProductException("category is missing");
    }
    if (createdAt == null) {
      throw new InvalidProductException("occurredAt is missing");
    }
  }
}
