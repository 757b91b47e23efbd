package dev.emporium.user.api;

import dev.emporium.user.token.OAuthErrors;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A client's id and secret from {@code Authorization: Basic} (RFC 6749 §2.3.1: each part
 * form-urlencoded, then base64) or from the form's {@code client_id} / {@code client_secret}.
 * Using both at once is an error, as the RFC says. A public web client names itself with
 * {@code client_id} alone, and has a null secret.
 */
record ClientAuthentication(String clientId, @Nullable String clientSecret) {

  /** A web client's credentials: as {@link #from}, or the bare {@code client_id} of a public client. */
  static ClientAuthentication fromWebClient(@Nullable String authorization, @Nullable String formId,
      @Nullable String formSecret) {
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    if (basic || formSecret != null) {
      return from(authorization, formId, formSecret);
    }
    if (formId == null || formId.isBlank()) {
      throw OAuthErrors.invalidClient();
    }
    return new ClientAuthentication(formId, null);
  }

  static ClientAuthentication from(@Nullable String authorization, @Nullable String formId,
      @Nullable String formSecret) {
    boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    if (basic && (formId != null || formSecret != null)) {
      throw OAuthErrors.invalidRequest("authenticate the client with Basic or with the form, not both");
    }
    if (basic) {
      return basic(authorization.substring(6).strip());
    }
    if (formId == null || formId.isBlank() || formSecret == null) {
      throw OAuthErrors.invalidClient();
    }
    return new ClientAuthentication(formId, formSecret);
  }

  private static ClientAuthentication basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthErrors.invalidClient();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw OAuthErrors.invalidClient();
    }
    return new ClientAuthentication(formDecode(decoded.substring(0, colon)), formDecode(decoded.substring(colon + 1)));
  }

  private static String formDecode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthErrors.invalidClient();
    }
  }

  @Override
  public String toString() {
    return "ClientAuthentication[" + clientId.toLowerCase(Locale.ROOT) + ", secret hidden]";
  }
}
