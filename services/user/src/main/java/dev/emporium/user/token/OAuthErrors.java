package dev.emporium.user.token;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Token endpoint errors (RFC 6749 §5.2) as problems: the service's usual problem+json, with the
 * OAuth error code in {@code error} so that OAuth client libraries find it where they look.
 */
public final class OAuthErrors {

  private OAuthErrors() {}

  public static ProblemException invalidRequest(String detail) {
    return error(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, "invalid_request", detail, HttpHeaders.EMPTY);
  }

  public static ProblemException invalidGrant(String detail) {
    return error(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, "invalid_grant", detail, HttpHeaders.EMPTY);
  }

  public static ProblemException invalidScope(String detail) {
    return error(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, "invalid_scope", detail, HttpHeaders.EMPTY);
  }

  public static ProblemException unsupportedGrantType(String grantType) {
    return error(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, "unsupported_grant_type",
        "grant_type '" + grantType + "' is not supported: use authorization_code, refresh_token or client_credentials",
        HttpHeaders.EMPTY);
  }

  /**
   * 400 for an authorization request whose client or redirect URI is in doubt: told to the browser,
   * never sent to the redirect URI (RFC 6749 §4.1.2.1). {@code parameter} names the culprit.
   */
  public static ProblemException unredirectable(String parameter, String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.BAD_REQUEST, detail,
        Map.of("error", "invalid_request", "parameter", parameter), HttpHeaders.EMPTY);
  }

  /** 401 with {@code WWW-Authenticate: Basic}, as RFC 6749 asks when client authentication fails. */
  public static ProblemException invalidClient() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"emporium\"");
    return error(HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHENTICATED, "invalid_client",
        "client authentication failed", headers);
  }

  /** 401 for a sign-in with a wrong email or password; one answer for both, so accounts cannot be probed. */
  public static ProblemException badCredentials() {
    return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHENTICATED, "email or password is wrong");
  }

  private static ProblemException error(HttpStatus status, ProblemType type, String error, String detail,
      HttpHeaders headers) {
    return new ProblemException(status, type, detail, Map.of("error", error), headers);
  }
}
