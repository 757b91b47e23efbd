package dev.emporium.recommendation.api;

import dev.emporium.platform.service.problem.FieldViolation;
import java.util.List;

/** Query parameters that break their rules; reported as one validation problem naming each. */
class InvalidParametersException extends RuntimeException {

  private final List<FieldViolation> violations;

  InvalidParametersException(List<FieldViolation> violations) {
    super(violations.size() + " invalid parameter(s)");
    this.violations = List.copyOf(violations);
  }

  List<FieldViolation> violations() {
    return violations;
  }
}
