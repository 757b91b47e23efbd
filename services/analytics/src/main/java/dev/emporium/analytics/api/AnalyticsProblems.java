package dev.emporium.analytics.api;

import dev.emporium.analytics.report.InvalidParameterException;
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
 * Reports a query parameter that breaks its rule exactly like a Bean Validation failure
 * ({@code errors: [{field, message, constraint, limits}]}), so that clients handle one shape.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AnalyticsProblems {

  private final ProblemExceptionHandler problems;

  AnalyticsProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Object> invalidParameter(InvalidParameterException e, WebRequest request) throws Exception {
    FieldViolation violation = new FieldViolation(e.field(), e.getMessage(), e.constraint(), e.limits());
    ProblemException problem = new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION,
        "1 field is invalid: " + e.field(), Map.of("errors", List.of(violation)), HttpHeaders.EMPTY);
    return problems.handleException(problem, request);
  }
}
