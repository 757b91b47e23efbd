package dev.emporium.platform.service.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the gateway's identity headers into a {@link Caller} kept on the request, and puts the user
 * id in the logging context (so every log line of the request names its user). An id that is blank
 * or longer than {@value #MAX_ID_LENGTH} characters is treated as no id: a gateway never sends one.
 */
public class CallerFilter extends OncePerRequestFilter {

  static final String ATTRIBUTE = Caller.class.getName();
  static final int MAX_ID_LENGTH = 128;
  private static final String MDC_KEY = "userId";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = read(request);
    request.setAttribute(ATTRIBUTE, caller);
    if (caller.isAuthenticated()) {
      MDC.put(MDC_KEY, caller.userId());
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  static Caller read(HttpServletRequest request) {
    String userId = request.getHeader(CallerHeaders.USER_ID);
    if (userId == null || userId.isBlank() || userId.length() > MAX_ID_LENGTH) {
      return Caller.anonymous();
    }
    return new Caller(userId.strip(), Caller.parseList(request.getHeader(CallerHeaders.ROLES)),
        Caller.parseList(request.getHeader(CallerHeaders.SCOPES)));
  }

  /** The caller of {@code request}; anonymous if the filter did not run (a request outside the chain). */
  public static Caller of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller : read(request);
  }
}
