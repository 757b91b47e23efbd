package dev.emporium.user.token;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An authorization request the client got wrong, once its redirect URI is known to be its own:
 * the answer goes back there as {@code error}, {@code error_description}, {@code state} and
 * {@code iss} (RFC 6749 §4.1.2.1, RFC 9207).
 */
public class AuthorizationError extends RuntimeException {

  private final String redirectUri;
  private final @Nullable String state;
  private final String error;

  AuthorizationError(String redirectUri, @Nullable String state, String error, String description) {
    super(description, null, false, false);
    this.redirectUri = redirectUri;
    this.state = state;
    this.error = error;
  }

  public String error() {
    return error;
  }

  /** The client's redirect URI with the error in its query. */
  public String location(String issuer) {
    return redirectWith(redirectUri, "error=" + encode(error) + "&error_description=" + encode(getMessage()), state,
        issuer);
  }

  /**
   * {@code redirectUri} with {@code parameters} (already encoded), the client's {@code state} and
   * the issuer (RFC 9207) added to its query: how every answer of the authorization endpoint goes back.
   */
  static String redirectWith(String redirectUri, String parameters, @Nullable String state, String issuer) {
    StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
        .append(parameters);
    if (state != null) {
      location.append("&state=").append(encode(state));
    }
    return location.append("&iss=").append(encode(issuer)).toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
