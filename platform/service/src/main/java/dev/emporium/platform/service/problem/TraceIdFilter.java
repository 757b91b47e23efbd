package dev.emporium.platform.service.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers the request's trace id on the request (for problems written later, even on the error
 * dispatch) and returns it in {@code X-Trace-Id}, so a client can quote it without reading bodies.
 * Runs just inside the observation filter that opens the request's span.
 */
class TraceIdFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Trace-Id";

  private final TraceIds traceIds;

  TraceIdFilter(TraceIds traceIds) {
    this.traceIds = traceIds;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    traceIds.remember(request);
    String id = traceIds.of(request);
    if (id != null) {
      response.setHeader(HEADER, id);
    }
    chain.doFilter(request, response);
  }
}
