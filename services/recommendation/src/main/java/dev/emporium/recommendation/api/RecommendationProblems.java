package dev.emporium.recommendation.api;

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
 * Reports invalid query parameters exactly like a Bean Validation failure ({@code errors: [{field,
 * message, constraint, limits}]}), so that clients handle one shape whether a limit is fixed or a setting.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecommendationProblems {

  private final ProblemExceptionHandler problems;

  RecommendationProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidParametersException.class)
  ResponseEntity<Object> invalidParameters(InvalidParametersException e, WebRequest request) throws Exception {
    List<FieldViolation> errors = e.violations();
    String fields = String.join(", ", errors.stream().map(FieldViolation::field).toList());
    String detail = errors.size() == 1 ? "1 field is invalid: " + fields : errors.size() + " fields are invalid: " + fields;
    ProblemException problem = new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION, detail,
        Map.of("errors", errors), HttpHeaders.EMPTY);
    return problems.handleException(problem, request);
  }
}
