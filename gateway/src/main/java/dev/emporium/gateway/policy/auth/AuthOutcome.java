package dev.emporium.gateway.policy.auth;

/**
 * Every decision an identity policy makes, with how it is counted and, for a refusal, how the
 * client is told. Details are fixed texts: a refusal never echoes the token, key or secret it saw.
 */
public enum AuthOutcome {
  ALLOWED("allowed", "ok", 0, null, null, null, null),
  ANONYMOUS("anonymous", "no-credentials", 0, null, null, null, null),

  MISSING_CREDENTIALS("refused", "missing-credentials", 401, "authentication-required", "Unauthorized",
      "This route requires authentication", null),
  MALFORMED_TOKEN("refused", "malformed-token", 401, "invalid-token", "Unauthorized",
      "The token is not a well-formed signed JWT", "invalid_token"),
  UNTRUSTED_ISSUER("refused", "untrusted-issuer", 401, "invalid-token", "Unauthorized",
      "The token's issuer is not trusted on this route", "invalid_token"),
  ALGORITHM_NOT_ALLOWED("refused", "algorithm-not-allowed", 401, "invalid-token", "Unauthorized",
      "The token's signing algorithm is not allowed for its issuer", "invalid_token"),
  UNKNOWN_KEY("refused", "unknown-key", 401, "invalid-token", "Unauthorized",
      "The token was signed with a key its issuer does not publish", "invalid_token"),
  BAD_SIGNATURE("refused", "bad-signature", 401, "invalid-token", "Unauthorized",
      "The token's signature is not valid", "invalid_token"),
  EXPIRED("refused", "expired", 401, "invalid-token", "Unauthorized", "The token has expired", "invalid_token"),
  NOT_YET_VALID("refused", "not-yet-valid", 401, "invalid-token", "Unauthorized",
      "The token is not valid yet", "invalid_token"),
  WRONG_AUDIENCE("refused", "wrong-audience", 401, "invalid-token", "Unauthorized",
      "The token is not meant for this audience", "invalid_token"),
  MISSING_CLAIM("refused", "missing-claim", 401, "invalid-token", "Unauthorized",
      "The token lacks a required claim (exp or sub) or has one that cannot be used", "invalid_token"),
  INACTIVE_TOKEN("refused", "inactive-token", 401, "invalid-token", "Unauthorized",
      "The token is not active", "invalid_token"),
  INVALID_API_KEY("refused", "invalid-api-key", 401, "invalid-api-key", "Unauthorized",
      "The API key is not valid", null),

  INSUFFICIENT_SCOPE("refused", "insufficient-scope", 403, "insufficient-scope", "Forbidden",
      "The request needs a scope the token does not grant", "insufficient_scope"),
  MISSING_ROLE("refused", "missing-role", 403, "missing-role", "Forbidden",
      "The request needs a role the caller does not have", null),
  IP_DENIED("refused", "ip-denied", 403, "ip-denied", "Forbidden",
      "Requests from this address are not allowed on this route", null),

  KEYS_UNAVAILABLE("unavailable", "keys-unavailable", 503, "auth-unavailable", "Service Unavailable",
      "The token's issuer keys cannot be fetched right now", null),
  INTROSPECTION_UNAVAILABLE("unavailable", "introspection-unavailable", 503, "auth-unavailable",
      "Service Unavailable", "The token introspection endpoint cannot be reached right now", null);

  private final String outcome;
  private final String reason;
  private final int status;
  private final String problemType;
  private final String title;
  private final String detail;
  private final String oauthError;

  AuthOutcome(String outcome, String reason, int status, String problemType, String title, String detail,
      String oauthError) {
    this.outcome = outcome;
    this.reason = reason;
    this.status = status;
    this.problemType = problemType;
    this.title = title;
    this.detail = detail;
    this.oauthError = oauthError;
  }

  /** The metric's {@code outcome} label: allowed, anonymous, refused or unavailable. */
  public String outcome() {
    return outcome;
  }

  /** The metric's {@code reason} label. */
  public String reason() {
    return reason;
  }

  /** The HTTP status of a refusal, 0 when the request goes on. */
  public int status() {
    return status;
  }

  public String problemType() {
    return problemType;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  /** The RFC 6750 {@code error} code, or null when there is none to give. */
  public String oauthError() {
    return oauthError;
  }

  public boolean refuses() {
    return status != 0;
  }
}
