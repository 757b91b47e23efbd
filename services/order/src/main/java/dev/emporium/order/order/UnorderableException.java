package dev.emporium.order.order;

import java.util.List;

/**
 * A well-formed request that cannot become an order (422): an unknown or withdrawn product, an empty
 * cart, several currencies, a cart beyond the order limits. Each violation names its field.
 */
public class UnorderableException extends RuntimeException {

  private final List<Violation> violations;

  public UnorderableException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
