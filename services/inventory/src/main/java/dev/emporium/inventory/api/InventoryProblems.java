package dev.emporium.inventory.api;

import dev.emporium.inventory.stock.QuantityOutOfRangeException;
import dev.emporium.platform.service.problem.FieldViolation;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemExceptionHandler;
import dev.emporium.platform.service.problem.ProblemType;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Maps the inventory's domain exceptions to problems. A quantity beyond its configured range is
 * reported exactly like a Bean Validation failure ({@code errors: [{field, message, constraint,
 * limits}]}), so that clients handle one shape whether the limit is fixed or a setting.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InventoryProblems {

  private final ProblemExceptionHandler problems;

  InventoryProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(QuantityOutOfRangeException.class)
  ResponseEntity<Object> quantityOutOfRange(QuantityOutOfRangeException e, WebRequest request) throws Exception {
    FieldViolation violation = new FieldViolation(e.field(), "must be between " + e.min() + " and " + e.max(),
        "Range", Map.of("min", e.min(), "max", e.max()));
    ProblemException problem = new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION,
        "1 field is invalid: " + e.field(), Map.of("errors", List.of(violation)), HttpHeaders.EMPTY);
    return problems.handleException(problem, request);
  }
}
