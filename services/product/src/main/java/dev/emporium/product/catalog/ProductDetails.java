package dev.emporium.product.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * What an admin says a product is: everything but its identity and history. Names and
 * descriptions are stripped; categories are lower-case slugs so that "Audio" and "audio" are one.
 */
public record ProductDetails(String name, String description, Money price, String category,
    Map<String, String> attributes, boolean active) {

  public ProductDetails {
    name = name == null ? "" : name.strip();
    if (name.isEmpty()) {
      throw new InvalidProductException("a product needs a name");
    }
    description = description == null ? "" : description.strip();
    category = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
    if (!category.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new InvalidProductException("category must be a slug such as 'audio' or 'home-office'");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
