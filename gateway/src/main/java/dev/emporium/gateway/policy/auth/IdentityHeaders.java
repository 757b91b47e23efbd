package dev.emporium.gateway.policy.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;

/**
 * The headers that carry a verified {@link Identity} to services. The gateway removes any copy a
 * client sent on every route (see {@code server.identityHeaders}); only these policies set them.
 */
public final class IdentityHeaders {

  public static final String USER_ID = "X-User-Id";
  public static final String ROLES = "X-User-Roles";
  public static final String SCOPES = "X-Scopes";
  public static final String CONSUMER = "X-Consumer";

  /** The default of {@code server.identityHeaders}. */
  public static final List<String> ALL = List.of(USER_ID, ROLES, SCOPES, CONSUMER);

  // The same names made once with their hash: every authenticated request sets them.
  private static final CharSequence USER_ID_NAME = HttpHeaders.createOptimized(USER_ID);
  private static final CharSequence ROLES_NAME = HttpHeaders.createOptimized(ROLES);
  private static final CharSequence SCOPES_NAME = HttpHeaders.createOptimized(SCOPES);
  private static final CharSequence CONSUMER_NAME = HttpHeaders.createOptimized(CONSUMER);

  private IdentityHeaders() {}

  /** Replaces whatever identity headers the upstream request has with this identity's. */
  public static void apply(Identity identity, MultiMap upstream) {
    upstream.remove(USER_ID_NAME).remove(ROLES_NAME).remove(SCOPES_NAME).remove(CONSUMER_NAME);
    if (identity.subject() != null) upstream.set(USER_ID_NAME, identity.subject());
    if (identity.consumer() != null) upstream.set(CONSUMER_NAME, identity.consumer());
    if (!identity.roles().isEmpty()) upstream.set(ROLES_NAME, String.join(",", identity.roles()));
    if (!identity.scopes().isEmpty()) upstream.set(SCOPES_NAME, String.join(",", identity.scopes()));
  }

  /**
   * Whether a claim value may travel in a header as one element of a comma-separated list: visible
   * ASCII without commas. Values from a verified token are trusted, but not to be well formed.
   */
  public static boolean isListElement(String value) {
    if (value == null || value.isEmpty() || value.length() > 256) return false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == ',') return false;
    }
    return true;
  }

  /** Whether a value may travel in a header on its own: visible ASCII and inner spaces. */
  public static boolean isHeaderValue(String value) {
    if (value == null || value.isEmpty() || value.length() > 1024) return false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 || c > 0x7e)) return false;
    }
    return value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' ';
  }
}
