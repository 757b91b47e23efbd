package dev.emporium.gateway.policy.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Where a bearer token is read from: a header (by default {@code Authorization}, after the
 * {@code Bearer} scheme), else a cookie when one is named.
 *
 * @param header the header carrying the token
 * @param scheme the auth scheme that must precede the token in that header, or empty for none
 * @param cookie a cookie tried when the header is absent, or null
 */
public record TokenLocation(String header, String scheme, String cookie) {

  public static final TokenLocation DEFAULT = new TokenLocation(null, null, null);

  public TokenLocation {
    header = header == null ? "Authorization" : header;
    scheme = scheme == null ? "Bearer" : scheme;
    if (header.isBlank() || !header.chars().allMatch(TokenLocation::isTokenChar)) {
      throw new IllegalArgumentException("token.header: '" + header + "' is not a header name");
    }
    if (!scheme.chars().allMatch(TokenLocation::isTokenChar)) {
      throw new IllegalArgumentException("token.scheme: '" + scheme + "' is not an auth scheme name");
    }
    if (cookie != null && (cookie.isBlank() || !cookie.chars().allMatch(TokenLocation::isTokenChar))) {
      throw new IllegalArgumentException("token.cookie: '" + cookie + "' is not a cookie name");
    }
  }

  /**
   * The token the request carries, or null when it carries none. A header present with another
   * scheme counts as no token here, so that e.g. Basic credentials meant for the upstream pass.
   */
  public String extract(HttpServerRequest request) {
    String value = request.getHeader(header);
    if (value != null) {
      String token = afterScheme(value.trim());
      if (token != null) return token;
    }
    if (cookie != null) {
      Cookie c = request.getCookie(cookie);
      if (c != null && !c.getValue().isEmpty()) return c.getValue();
    }
    return null;
  }

  private String afterScheme(String value) {
    if (scheme.isEmpty()) return value.isEmpty() ? null : value;
    int n = scheme.length();
    if (value.length() <= n + 1 || !value.regionMatches(true, 0, scheme, 0, n) || value.charAt(n) != ' ') return null;
    String token = value.substring(n + 1).trim();
    return token.isEmpty() ? null : token;
  }

  /** Describes the location without any value, for docs and logs. */
  @Override
  public String toString() {
    return header.toLowerCase(Locale.ROOT) + (scheme.isEmpty() ? "" : " (" + scheme + ")")
        + (cookie == null ? "" : " or cookie " + cookie);
  }

  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }
}
