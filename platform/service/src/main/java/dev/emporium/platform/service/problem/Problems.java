package dev.emporium.platform.service.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

/** What every problem gets before it is written, wherever it was made. */
final class Problems {

  private static final URI ABOUT_BLANK = URI.create("about:blank");

  private Problems() {}

  static void complete(ProblemDetail problem, int status, @Nullable HttpServletRequest request, TraceIds traceIds) {
    if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
      ProblemType type = ProblemType.forStatus(status);
      problem.setType(type.uri());
      problem.setTitle(type.title());
    }
    if (request != null) {
      if (problem.getInstance() == null) {
        problem.setInstance(URI.create(request.getRequestURI()));
      }
      String traceId = traceIds.of(request);
      if (traceId != null) {
        problem.setProperty("traceId", traceId);
      }
    }
  }
}
