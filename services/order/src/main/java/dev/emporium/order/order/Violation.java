package dev.emporium.order.order;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule of an order request: the field as a JSON path ({@code items[2].quantity},
 * {@code shippingAddress.country}), the rule, its constraint name and limits.
 */
public record Violation(String field, String message, @Nullable String constraint, Map<String, Object> limits) {

  public Violation {
    limits = Map.copyOf(limits);
  }
}
