package dev.emporium.gateway.policy.auth.authorize;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.auth.AuthDecisions;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.Identity;
import dev.emporium.gateway.policy.auth.Refusals;
import io.vertx.core.Future;
import java.util.List;

/**
 * The {@code authorize} policy: required scopes and roles. It reads the identity an earlier policy
 * verified, never a header; without one the request is unauthenticated (401), with one that lacks
 * what is required it is forbidden (403).
 */
public final class AuthorizePolicyFactory implements PolicyFactory<AuthorizeConfig> {

  @Override
  public String name() {
    return "authorize";
  }

  @Override
  public Class<AuthorizeConfig> configType() {
    return AuthorizeConfig.class;
  }

  @Override
  public Policy create(AuthorizeConfig config, PolicyContext context) {
    return new AuthorizePolicy(config, new AuthDecisions(context.meters(), context.routeName(), name()));
  }

  static final class AuthorizePolicy implements Policy {
    private final AuthorizeConfig config;
    private final AuthDecisions decisions;
    private final String requiredScopes;

    AuthorizePolicy(AuthorizeConfig config, AuthDecisions decisions) {
      this.config = config;
      this.decisions = decisions;
      this.requiredScopes = config.scopes().isEmpty() ? null : String.join(" ", config.scopes());
    }

    @Override
    public Future<ProxyResponse> onRequest(Exchange exchange) {
      Identity identity = exchange.attachment(Identity.class);
      if (identity == null) return refuse(exchange, AuthOutcome.MISSING_CREDENTIALS);
      if (!holds(identity.scopes(), config.scopes(), config.scopesMatch())) {
        return refuse(exchange, AuthOutcome.INSUFFICIENT_SCOPE);
      }
      if (!holds(identity.roles(), config.roles(), config.rolesMatch())) return refuse(exchange, AuthOutcome.MISSING_ROLE);
      decisions.count(AuthOutcome.ALLOWED);
      return exchange.proceed();
    }

    static boolean holds(List<String> held, List<String> required, String match) {
      if (required.isEmpty()) return true;
      return "all".equals(match) ? held.containsAll(required) : required.stream().anyMatch(held::contains);
    }

    private Future<ProxyResponse> refuse(Exchange exchange, AuthOutcome outcome) {
      decisions.count(outcome);
      String scheme = exchange.attachment(Identity.class) != null
          && "api-key".equals(exchange.attachment(Identity.class).method()) ? "ApiKey" : "Bearer";
      return Refusals.refuse(exchange, outcome, scheme, config.realm(),
          outcome == AuthOutcome.INSUFFICIENT_SCOPE ? requiredScopes : null);
    }
  }
}
