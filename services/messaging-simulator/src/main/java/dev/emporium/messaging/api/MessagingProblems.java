package dev.emporium.messaging.api;

import dev.emporium.messaging.behaviour.InvalidBehaviourException;
import dev.emporium.messaging.delivery.InvalidMessageException;
import dev.emporium.messaging.idempotency.IdempotencyConflictException;
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

/** Maps the simulator's domain exceptions to problems; the platform's handler writes them. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MessagingProblems {

  private final ProblemExceptionHandler problems;

  MessagingProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidMessageException.class)
  ResponseEntity<Object> invalidMessage(InvalidMessageException e, WebRequest request) throws Exception {
    return problems.handleException(invalidField(e.field(), e.rule(), e.limits()), request);
  }

  @ExceptionHandler(InvalidBehaviourException.class)
  ResponseEntity<Object> invalidBehaviour(InvalidBehaviourException e, WebRequest request) throws Exception {
    return problems.handleException(invalidField(e.field(), e.rule(), Map.of()), request);
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<Object> conflict(IdempotencyConflictException e, WebRequest request) throws Exception {
    return problems.handleException(ProblemException.conflict(e.getMessage()), request);
  }

  /** The same shape as a Bean Validation problem, for rules that need more than an annotation. */
  private static ProblemException invalidField(String field, String rule, Map<String, Object> limits) {
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION, "1 field is invalid: " + field,
        Map.of("errors", List.of(new FieldViolation(field, rule, null, limits))), HttpHeaders.EMPTY);
  }
}
