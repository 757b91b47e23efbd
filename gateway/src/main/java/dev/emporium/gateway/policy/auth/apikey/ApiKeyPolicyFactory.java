package dev.emporium.gateway.policy.auth.apikey;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.auth.AuthDecisions;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.Identity;
import dev.emporium.gateway.policy.auth.IdentityHeaders;
import dev.emporium.gateway.policy.auth.Refusals;
import dev.emporium.gateway.policy.auth.TokenHash;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/** The {@code api-key} policy: a key per consumer, sent in a header. */
public final class ApiKeyPolicyFactory implements PolicyFactory<ApiKeyConfig> {

  @Override
  public String name() {
    return "api-key";
  }

  @Override
  public Class<ApiKeyConfig> configType() {
    return ApiKeyConfig.class;
  }

  @Override
  public Policy create(ApiKeyConfig config, PolicyContext context) {
    Map<TokenHash, Identity> byHash = new HashMap<>();
    for (ApiKeyConfig.Consumer c : config.consumers()) {
      Identity identity = new Identity(null, c.name(), c.roles(), c.scopes(), "api-key");
      for (byte[] hash : c.hashBytes()) byHash.put(new TokenHash(hash), identity);
    }
    return new ApiKeyPolicy(config, Map.copyOf(byHash), new AuthDecisions(context.meters(), context.routeName(), name()));
  }

  /**
   * Looks the presented key up by its SHA-256. The lookup's timing depends only on the hash of what
   * the client sent, which it cannot steer towards a stored hash, and the final comparison is
   * {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ: nothing
   * about a stored key can be learnt by timing answers.
   */
  static final class ApiKeyPolicy implements Policy {
    private final ApiKeyConfig config;
    private final Map<TokenHash, Identity> byHash;
    private final AuthDecisions decisions;

    ApiKeyPolicy(ApiKeyConfig config, Map<TokenHash, Identity> byHash, AuthDecisions decisions) {
      this.config = config;
      this.byHash = byHash;
      this.decisions = decisions;
    }

    @Override
    public Future<ProxyResponse> onRequest(Exchange exchange) {
      String key = exchange.request().getHeader(config.header());
      if (key == null || key.isBlank()) return refuse(exchange, AuthOutcome.MISSING_CREDENTIALS);
      Identity identity = byHash.get(TokenHash.of(key.trim()));
      if (identity == null) return refuse(exchange, AuthOutcome.INVALID_API_KEY);
      decisions.count(AuthOutcome.ALLOWED);
      exchange.attach(Identity.class, identity);
      IdentityHeaders.apply(identity, exchange.upstreamHeaders());
      if (!config.forwardKey()) exchange.upstreamHeaders().remove(config.header());
      exchange.mark("authenticated", "api-key");
      return exchange.proceed();
    }

    private Future<ProxyResponse> refuse(Exchange exchange, AuthOutcome outcome) {
      decisions.count(outcome);
      return Refusals.refuse(exchange, outcome, "ApiKey", config.realm(), null);
    }
  }
}
