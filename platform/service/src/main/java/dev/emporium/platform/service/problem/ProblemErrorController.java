package dev.emporium.platform.service.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (errors raised before or outside Spring MVC: a
 * filter that threw, a request Tomcat rejected) with a problem, replacing Spring Boot's
 * BasicErrorController and its HTML/JSON error page.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  private final TraceIds traceIds;

  public ProblemErrorController(TraceIds traceIds) {
    this.traceIds = traceIds;
  }

  @RequestMapping
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (status.is5xxServerError() && error instanceof Throwable cause) {
      log.error("unhandled exception answering {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), cause);
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
        ? "An unexpected error occurred. Quote the trace id when reporting it."
        : status.getReasonPhrase());
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      problem.setInstance(URI.create(uri));
    }
    Problems.complete(problem, status.value(), request, traceIds);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (code instanceof Integer value) {
      HttpStatus status = HttpStatus.resolve(value);
      if (status != null) {
        return status;
      }
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
