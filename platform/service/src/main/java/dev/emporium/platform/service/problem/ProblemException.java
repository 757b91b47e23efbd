package dev.emporium.platform.service.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error whose client-facing problem (RFC 9457) is known where it is thrown: application code
 * throws one of the factory methods' results (or a subclass) and {@link ProblemExceptionHandler}
 * writes it, adding the request path and trace id.
 */
public class ProblemException extends ErrorResponseException {

  public ProblemException(HttpStatus status, ProblemType type, String detail) {
    this(status, type, detail, Map.of(), HttpHeaders.EMPTY);
  }

  public ProblemException(HttpStatus status, ProblemType type, String detail, Map<String, Object> properties,
      HttpHeaders headers) {
    super(status, problem(status, type, detail, properties), null);
    getHeaders().addAll(headers);
  }

  private static ProblemDetail problem(HttpStatus status, ProblemType type, String detail,
      Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    properties.forEach(problem::setProperty);
    return problem;
  }

  /** 404: {@code what} (e.g. "product 42") does not exist, or the caller may not know that it does. */
  public static ProblemException notFound(String what) {
    return new ProblemException(HttpStatus.NOT_FOUND, ProblemType.NOT_FOUND, what + " was not found");
  }

  /** 409: the request conflicts with the current state (a taken email, a stale version). */
  public static ProblemException conflict(String detail) {
    return new ProblemException(HttpStatus.CONFLICT, ProblemType.CONFLICT, detail);
  }

  /** 400 for a rule that Bean Validation on the request cannot express. */
  public static ProblemException badRequest(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, detail);
  }

  /** 412: an {@code If-Match} precondition failed. */
  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(HttpStatus.PRECONDITION_FAILED, ProblemType.PRECONDITION_FAILED, detail);
  }

  static URI uri(String value) {
    return URI.create(value);
  }
}
