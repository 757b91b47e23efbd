package dev.emporium.product.api;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemExceptionHandler;
import dev.emporium.product.catalog.InvalidProductException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Maps the catalogue's domain exceptions to problems. The domain does not know HTTP; this is the
 * one place that decides a broken catalogue rule is a 400. The platform's handler writes it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProductProblems {

  private final ProblemExceptionHandler problems;

  ProductProblems(ProblemExceptionHandler problems) {
    this.problems = problems;
  }

  @ExceptionHandler(InvalidProductException.class)
  ResponseEntity<Object> invalidProduct(InvalidProductException e, WebRequest request) throws Exception {
    return problems.handleException(ProblemException.badRequest(e.getMessage()), request);
  }
}
