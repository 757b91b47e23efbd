package dev.emporium.psp.api;

import dev.emporium.platform.service.problem.FieldViolation;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemExceptionHandler;
import dev.emporium.platform.service.problem.ProblemType;
import dev.emporium.psp.behaviour.InvalidBehaviourException;
import dev.emporium.psp.charge.InvalidChargeException;
import dev.emporium.psp.charge.RefundRefusedException;
import dev.emporium.psp.charge.UnknownChargeException;
import dev.emporium.psp.idempotency.IdempotencyConflictException;
import java.net.URI;
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
class PspProblems {

  static final URI REFUND_REFUSED = URI.create("urn:emporium:problem:refund-refused");

  private final ProblemExceptionHandler problems;

  PspProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidChargeException.class)
  ResponseEntity<Object> invalidCharge(InvalidChargeException e, WebRequest request) throws Exception {
    return problems.handleException(invalidField(e.field(), e.rule()), request);
  }

  @ExceptionHandler(InvalidBehaviourException.class)
  ResponseEntity<Object> invalidBehaviour(InvalidBehaviourException e, WebRequest request) throws Exception {
    return problems.handleException(invalidField(e.field(), e.rule()), request);
  }

  @ExceptionHandler(UnknownChargeException.class)
  ResponseEntity<Object> unknownCharge(UnknownChargeException e, WebRequest request) throws Exception {
    return problems.handleException(ProblemException.notFound(e.getMessage()), request);
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<Object> conflict(IdempotencyConflictException e, WebRequest request) throws Exception {
    return problems.handleException(ProblemException.conflict(e.getMessage()), request);
  }

  @ExceptionHandler(RefundRefusedException.class)
  ResponseEntity<Object> refundRefused(RefundRefusedException e, WebRequest request) throws Exception {
    ProblemException problem = new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.HTTP, e.getMessage());
    problem.getBody().setType(REFUND_REFUSED);
    problem.getBody().setTitle("Refund refused");
    return problems.handleException(problem, request);
  }

  /** The same shape as a Bean Validation problem, for rules that need more than an annotation. */
  private static ProblemException invalidField(String field, String rule) {
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION, "1 field is invalid: " + field,
        Map.of("errors", List.of(new FieldViolation(field, rule, null, Map.of()))), HttpHeaders.EMPTY);
  }
}
