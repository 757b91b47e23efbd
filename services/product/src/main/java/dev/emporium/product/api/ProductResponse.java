package dev.emporium.product.api;

import dev.emporium.product.catalog.Product;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A product as clients see it. */
public record ProductResponse(UUID id, String name, String description, Price price, String category,
    Map<String, String> attributes, boolean active) {

  public record Price(BigDecimal amount, String currency) {}

  /** A page of products: {@code nextCursor} fetches the next one, null on the last page. */
  public record Page(List<ProductResponse> items, @Nullable String nextCursor) {}

  static ProductResponse of(Product product) {
    return new ProductResponse(product.id(), product.name(), product.details().description(),
        new Price(product.price().amount(), product.price().currency()), product.category(), product.attributes(),
        product.active());
  }
}
