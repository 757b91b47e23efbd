package dev.emporium.order.api;

import dev.emporium.order.cart.CartUnavailableException;
import dev.emporium.order.catalog.CatalogUnavailableException;
import dev.emporium.order.order.IdempotencyConflictException;
import dev.emporium.order.order.InvalidOrderException;
import dev.emporium.order.order.UnorderableException;
import dev.emporium.order.order.Violation;
import dev.emporium.platform.service.problem.FieldViolation;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemExceptionHandler;
import dev.emporium.platform.service.problem.ProblemType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Maps the order's exceptions to problems: a broken request rule is a 400 validation problem, an
 * order that cannot be placed (unknown or withdrawn product, empty cart, mixed currencies) a 422
 * of the same shape, a reused idempotency key with another body a 422
 * {@code urn:emporium:problem:idempotency-conflict}, and an unreachable product or cart service a
 * 503 with {@code Retry-After}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblems {

  static final URI IDEMPOTENCY_CONFLICT = URI.create("urn:emporium:problem:idempotency-conflict");
  private static final Logger log = LoggerFactory.getLogger(OrderProblems.class);
  /** Seconds a client should wait before retrying (with the same Idempotency-Key) while a dependency is away. */
  private static final String RETRY_AFTER = "5";

  private final ProblemExceptionHandler problems;

  OrderProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidOrderException.class)
  ResponseEntity<Object> invalid(InvalidOrderException e, WebRequest request) throws Exception {
    return problems.handleException(fields(HttpStatus.BAD_REQUEST, summary(e.violations()), e.violations()), request);
  }

  @ExceptionHandler(UnorderableException.class)
  ResponseEntity<Object> unorderable(UnorderableException e, WebRequest request) throws Exception {
    return problems.handleException(fields(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), e.violations()), request);
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<Object> conflict(IdempotencyConflictException e, WebRequest request) throws Exception {
    ProblemException problem = new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.CONFLICT,
        e.getMessage(), Map.of("errors", List.of(new FieldViolation("Idempotency-Key",
            "was used for a different request", "Idempotency", Map.of()))), HttpHeaders.EMPTY);
    problem.getBody().setType(IDEMPOTENCY_CONFLICT);
    problem.getBody().setTitle("Idempotency key reused");
    return problems.handleException(problem, request);
  }

  @ExceptionHandler(CatalogUnavailableException.class)
  ResponseEntity<Object> catalogUnavailable(CatalogUnavailableException e, WebRequest request) throws Exception {
    log.warn("Product service unavailable: {}", e.getMessage());
    return problems.handleException(unavailable(
        "The product catalogue cannot be reached to price this order; retry shortly with the same Idempotency-Key."),
        request);
  }

  @ExceptionHandler(CartUnavailableException.class)
  ResponseEntity<Object> cartUnavailable(CartUnavailableException e, WebRequest request) throws Exception {
    log.warn("Cart service unavailable: {}", e.getMessage());
    return problems.handleException(unavailable(
        "The cart cannot be read to place this order; retry shortly with the same Idempotency-Key."), request);
  }

  private static ProblemException unavailable(String detail) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE, detail, Map.of(), headers);
  }

  private static ProblemException fields(HttpStatus status, String detail, List<Violation> violations) {
    List<FieldViolation> errors = violations.stream()
        .map(v -> new FieldViolation(v.field(), v.message(), v.constraint(), v.limits())).toList();
    return new ProblemException(status, ProblemType.VALIDATION, detail, Map.of("errors", errors), HttpHeaders.EMPTY);
  }

  private static String summary(List<Violation> violations) {
    List<String> fields = violations.stream().map(Violation::field).distinct().toList();
    return fields.size() == 1 ? "1 field is invalid: " + fields.getFirst()
        : fields.size() + " fields are invalid: " + String.join(", ", fields);
  }
}
