package dev.emporium.platform.service.identity;

/** The headers the gateway writes after it verified a token; nothing else establishes identity. */
public final class CallerHeaders {

  public static final String USER_ID = "X-User-Id";
  /** Comma-separated role names, e.g. {@code customer,admin}. */
  public static final String ROLES = "X-User-Roles";
  /** Space- or comma-separated OAuth scopes, e.g. {@code orders:read orders:write}. */
  public static final String SCOPES = "X-Scopes";

  private CallerHeaders() {}
}
