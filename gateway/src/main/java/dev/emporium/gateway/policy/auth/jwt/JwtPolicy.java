package dev.emporium.gateway.policy.auth.jwt;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.auth.AuthDecisions;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.Identity;
import dev.emporium.gateway.policy.auth.IdentityHeaders;
import dev.emporium.gateway.policy.auth.OnContext;
import dev.emporium.gateway.policy.auth.Refusals;
import dev.emporium.gateway.policy.auth.TokenHash;
import dev.emporium.gateway.policy.auth.TokenLocation;
import dev.emporium.gateway.policy.auth.VerifiedTokens;
import io.vertx.core.Future;

/**
 * Authenticates a request by its JWT and sends the verified identity upstream as headers. A token
 * verified before is taken from the cache without a signature check.
 */
final class JwtPolicy implements Policy {

  private final JwtConfig config;
  private final TokenLocation location;
  private final JwtVerifier verifier;
  private final VerifiedTokens verified;
  private final AuthDecisions decisions;

  JwtPolicy(JwtConfig config, JwtVerifier verifier, VerifiedTokens verified, AuthDecisions decisions) {
    this.config = config;
    this.location = config.token();
    this.verifier = verifier;
    this.verified = verified;
    this.decisions = decisions;
  }

  @Override
  public Future<ProxyResponse> onRequest(Exchange exchange) {
    String token = location.extract(exchange.request());
    if (token == null) {
      if (config.optional()) {
        decisions.count(AuthOutcome.ANONYMOUS);
        return exchange.proceed();
      }
      return refuse(exchange, AuthOutcome.MISSING_CREDENTIALS);
    }
    if (token.length() > config.maxTokenLength()) return refuse(exchange, AuthOutcome.MALFORMED_TOKEN);
    TokenHash hash = TokenHash.of(token);
    VerifiedTokens.Entry known = verified.get(hash);
    if (known != null) return accept(exchange, known.identity());
    return OnContext.resume(verifier.verify(token)).compose(result -> switch (result) {
      case Verification.Verified v -> {
        verified.put(hash, new VerifiedTokens.Entry(v.identity(), v.validUntilMillis()));
        yield accept(exchange, v.identity());
      }
      case Verification.Refused r -> refuse(exchange, r.outcome());
    });
  }

  private Future<ProxyResponse> accept(Exchange exchange, Identity identity) {
    decisions.count(AuthOutcome.ALLOWED);
    exchange.attach(Identity.class, identity);
    IdentityHeaders.apply(identity, exchange.upstreamHeaders());
    if (!config.forwardToken()) exchange.upstreamHeaders().remove(location.header());
    exchange.mark("authenticated", "jwt");
    return exchange.proceed();
  }

  private Future<ProxyResponse> refuse(Exchange exchange, AuthOutcome outcome) {
    decisions.count(outcome);
    return Refusals.refuse(exchange, outcome, "Bearer", config.realm(), null);
  }
}
