package dev.emporium.messaging.api;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /admin/**} with a static bearer token when one is configured: the simulator is not
 * behind the gateway, and whoever can change its behaviour can fail every notification.
 */
class AdminAuthentication implements HandlerInterceptor {

  private static final String PREFIX = "Bearer ";

  private final byte[] token;

  AdminAuthentication(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw unauthenticated("The admin API needs Authorization: Bearer <EMPORIUM_MESSAGING_ADMIN_TOKEN>.");
    }
    byte[] presented = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
    // Constant time, so that the token cannot be guessed a byte at a time from response times.
    if (!MessageDigest.isEqual(presented, token)) {
      throw unauthenticated("The bearer token is not the admin token.");
    }
    return true;
  }

  private static ProblemException unauthenticated(String detail) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHENTICATED, detail, Map.of(), headers);
  }
}
