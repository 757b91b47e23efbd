package dev.emporium.product.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A product of the catalogue. Immutable: a change makes the next version, and the version is what
 * caches validate against (the ETag) and what concurrent admins' updates are checked against.
 */
public record Product(UUID id, ProductDetails details, long version, Instant createdAt, Instant updatedAt) {

  public static Product create(ProductDetails details, Instant now) {
    return new Product(UUID.randomUUID(), details, 1, now, now);
  }

  /** The next version with {@code changed} details; the same product if nothing changed. */
  public Product update(ProductDetails changed, Instant now) {
    if (changed.equals(details)) {
      return this;
    }
    return new Product(id, changed, version + 1, createdAt, now);
  }

  public boolean isVersion(long expected) {
    return version == expected;
  }

  public String name() {
    return details.name();
  }

  public Money price() {
    return details.price();
  }

  public String category() {
    return details.category();
  }

  public Map<String, String> attributes() {
    return details.attributes();
  }

  public boolean active() {
    return details.active();
  }
}
