package dev.emporium.product.events;

import dev.emporium.platform.events.DomainEvent;
import dev.emporium.product.catalog.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The product events, published on {@code product-events} keyed by product id. Each carries the
 * whole product as of the event (event-carried state transfer: a consumer such as the order or
 * recommendation service keeps its own copy without calling back). Schemas:
 * src/main/resources/events/ProductCreated.schema.json and ProductUpdated.schema.json.
 */
public sealed interface ProductEvent extends DomainEvent {

  record Price(BigDecimal amount, String currency) {}

  /** A product was added to the catalogue. */
  record ProductCreated(String productId, long version, String name, String description, Price price,
      String category, Map<String, String> attributes, boolean active, Instant occurredAt) implements ProductEvent {

    @Override
    public String aggregateId() {
      return productId;
    }
  }

  /** A product changed (price, name, availability...); {@code version} orders the changes. */
  record ProductUpdated(String productId, long version, String name, String description, Price price,
      String category, Map<String, String> attributes, boolean active, Instant occurredAt) implements ProductEvent {

    @Override
    public String aggregateId() {
      return productId;
    }
  }

  static ProductCreated created(Product p) {
    return new ProductCreated(p.id().toString(), p.version(), p.name(), p.details().description(), price(p),
        p.category(), p.attributes(), p.active(), p.updatedAt());
  }

  static ProductUpdated updated(Product p) {
    return new ProductUpdated(p.id().toString(), p.version(), p.name(), p.details().description(), price(p),
        p.category(), p.attributes(), p.active(), p.updatedAt());
  }

  private static Price price(Product p) {
    return new Price(p.price().amount(), p.price().currency());
  }
}
