package dev.emporium.order.order;

import java.util.List;

/** The request itself breaks the rules (400): each violation names its field. */
public class InvalidOrderException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidOrderException(List<Violation> violations) {
    super(violations.size() + " invalid: " + String.join(", ", violations.stream().map(Violation::field).toList()));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
