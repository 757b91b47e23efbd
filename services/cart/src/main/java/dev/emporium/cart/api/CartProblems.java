package dev.emporium.cart.api;

import dev.emporium.cart.cart.CartBusyException;
import dev.emporium.cart.cart.CartLineNotFoundException;
import dev.emporium.cart.cart.CartRuleException;
import dev.emporium.cart.cart.ProductUnavailableException;
import dev.emporium.cart.catalog.CatalogUnavailableException;
import dev.emporium.platform.service.problem.FieldViolation;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemExceptionHandler;
import dev.emporium.platform.service.problem.ProblemType;
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
 * Maps the cart's domain exceptions to problems: a broken input rule is a 400 and a limit of what
 * the cart holds a 422, both listing the field and its limits like Bean Validation's problems; an
 * unknown line 404; a product that cannot be sold 422; an unreachable product service 503.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CartProblems {

  private static final Logger log = LoggerFactory.getLogger(CartProblems.class);
  /** Seconds a client should wait before retrying while the product service is away. */
  private static final String RETRY_AFTER = "5";

  private final ProblemExceptionHandler problems;

  CartProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(CartRuleException.class)
  ResponseEntity<Object> rule(CartRuleException e, WebRequest request) throws Exception {
    HttpStatus status = e.kind() == CartRuleException.Kind.INVALID_INPUT
        ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
    var violation = new FieldViolation(e.field(), e.getMessage(), e.constraint(), e.limits());
    return problems.handleException(new ProblemException(status, ProblemType.VALIDATION,
        e.field() + ": " + e.getMessage(), Map.of("errors", List.of(violation)), HttpHeaders.EMPTY), request);
  }

  @ExceptionHandler(CartLineNotFoundException.class)
  ResponseEntity<Object> lineNotFound(CartLineNotFoundException e, WebRequest request) throws Exception {
    return problems.handleException(ProblemException.notFound(e.getMessage()), request);
  }

  @ExceptionHandler(ProductUnavailableException.class)
  ResponseEntity<Object> productUnavailable(ProductUnavailableException e, WebRequest request) throws Exception {
    var violation = new FieldViolation("productId", e.getMessage(), "Product", Map.of());
    return problems.handleException(new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.VALIDATION,
        e.getMessage(), Map.of("errors", List.of(violation)), HttpHeaders.EMPTY), request);
  }

  @ExceptionHandler(CatalogUnavailableException.class)
  ResponseEntity<Object> catalogUnavailable(CatalogUnavailableException e, WebRequest request) throws Exception {
    log.warn("Product service unavailable: {}", e.getMessage());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
    return problems.handleException(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE,
        "The product catalogue cannot be reached to price this product; try again shortly.", Map.of(), headers),
        request);
  }

  @ExceptionHandler(CartBusyException.class)
  ResponseEntity<Object> busy(CartBusyException e, WebRequest request) throws Exception {
    return problems.handleException(ProblemException.conflict(e.getMessage()), request);
  }
}
