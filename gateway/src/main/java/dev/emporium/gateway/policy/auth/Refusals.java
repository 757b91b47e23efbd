package dev.emporium.gateway.policy.auth;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.problem.Problem;
import io.vertx.core.Future;

/**
 * Answers a refused request: problem+json with the outcome's status, and for 401 (and a Bearer
 * 403) a {@code WWW-Authenticate} challenge as RFC 6750 §3 describes it. Nothing in the answer comes
 * from the client's credentials.
 */
public final class Refusals {

  private Refusals() {}

  /**
   * @param scheme the challenge's auth scheme, e.g. {@code Bearer} or {@code ApiKey}
   * @param realm the protection space named in the challenge
   * @param scope for {@code insufficient_scope}, the scopes needed (space separated), or null
   */
  public static Future<ProxyResponse> refuse(Exchange exchange, AuthOutcome outcome, String scheme, String realm,
      String scope) {
    Problem problem = new Problem(outcome.status(), outcome.problemType(), outcome.title(), outcome.detail());
    if (outcome.status() == 503) problem = problem.withRetryAfter(1);
    ProxyResponse response = exchange.problem(problem);
    if (outcome.status() == 401 || (outcome.status() == 403 && "Bearer".equals(scheme) && outcome.oauthError() != null)) {
      response.headers().set("WWW-Authenticate", challenge(outcome, scheme, realm, scope));
    }
    exchange.mark("auth-refused", outcome.reason());
    return Future.succeededFuture(response);
  }

  static String challenge(AuthOutcome outcome, String scheme, String realm, String scope) {
    StringBuilder sb = new StringBuilder(scheme).append(" realm=\"").append(realm).append('"');
    if (outcome.oauthError() != null) {
      sb.append(", error=\"").append(outcome.oauthError()).append('"');
      sb.append(", error_description=\"").append(outcome.detail()).append('"');
      if (scope != null) sb.append(", scope=\"").append(scope).append('"');
    }
    return sb.toString();
  }

  /**
   * Whether a realm can be quoted in a challenge as it is: visible ASCII and spaces, without
   * quotes or backslashes.
   */
  public static boolean isValidRealm(String realm) {
    if (realm == null || realm.isEmpty() || realm.length() > 128) return false;
    for (int i = 0; i < realm.length(); i++) {
      char c = realm.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
    }
    return true;
  }
}
