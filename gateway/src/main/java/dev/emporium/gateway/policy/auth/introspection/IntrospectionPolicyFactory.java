package dev.emporium.gateway.policy.auth.introspection;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.ProxyResponse;
import dev.emporium.gateway.policy.auth.AuthDecisions;
import dev.emporium.gateway.policy.auth.AuthHttp;
import dev.emporium.gateway.policy.auth.AuthOutcome;
import dev.emporium.gateway.policy.auth.Identity;
import dev.emporium.gateway.policy.auth.IdentityHeaders;
import dev.emporium.gateway.policy.auth.OnContext;
import dev.emporium.gateway.policy.auth.Refusals;
import dev.emporium.gateway.policy.auth.TokenHash;
import dev.emporium.gateway.policy.auth.VerifiedTokens;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code introspection} policy: opaque tokens checked with the authorization server. */
public final class IntrospectionPolicyFactory implements PolicyFactory<IntrospectionConfig> {

  @Override
  public String name() {
    return "introspection";
  }

  @Override
  public Class<IntrospectionConfig> configType() {
    return IntrospectionConfig.class;
  }

  @Override
  public Policy create(IntrospectionConfig config, PolicyContext context) {
    IntrospectionClient client = new IntrospectionClient(AuthHttp.of(context.vertx()), config,
        System::currentTimeMillis, context.meters(), context.routeName());
    return new IntrospectionPolicy(config, client,
        new VerifiedTokens(config.cache(), System::currentTimeMillis, context.meters(), context.routeName(), name()),
        new AuthDecisions(context.meters(), context.routeName(), name()));
  }

  /**
   * Looks a token up in the cache of active answers, else asks the server; requests with the same
   * token arriving while a call is out wait for that one call.
   */
  static final class IntrospectionPolicy implements Policy {
    private static final Logger log = LoggerFactory.getLogger(IntrospectionPolicy.class);

    private final IntrospectionConfig config;
    private final IntrospectionClient client;
    private final VerifiedTokens active;
    private final AuthDecisions decisions;
    private final Map<TokenHash, Future<IntrospectionClient.Answer>> inFlight = new ConcurrentHashMap<>();

    IntrospectionPolicy(IntrospectionConfig config, IntrospectionClient client, VerifiedTokens active,
        AuthDecisions decisions) {
      this.config = config;
      this.client = client;
      this.active = active;
      this.decisions = decisions;
    }

    @Override
    public Future<ProxyResponse> onRequest(Exchange exchange) {
      String token = config.token().extract(exchange.request());
      if (token == null) {
        if (config.optional()) {
          decisions.count(AuthOutcome.ANONYMOUS);
          return exchange.proceed();
        }
        return refuse(exchange, AuthOutcome.MISSING_CREDENTIALS);
      }
      TokenHash hash = TokenHash.of(token);
      VerifiedTokens.Entry known = active.get(hash);
      if (known != null) return accept(exchange, known.identity());
      return OnContext.resume(ask(hash, token)).transform(ar -> {
        if (ar.failed()) {
          log.warn("request {}: token introspection failed: {}", exchange.requestId(), ar.cause().getMessage());
          return refuse(exchange, AuthOutcome.INTROSPECTION_UNAVAILABLE);
        }
        IntrospectionClient.Answer answer = ar.result();
        if (answer.refusal() != null) return refuse(exchange, answer.refusal());
        return accept(exchange, answer.identity());
      });
    }

    private Future<IntrospectionClient.Answer> ask(TokenHash hash, String token) {
      Future<IntrospectionClient.Answer> running = inFlight.get(hash);
      if (running != null) return running;
      io.vertx.core.Promise<IntrospectionClient.Answer> promise = io.vertx.core.Promise.promise();
      running = inFlight.putIfAbsent(hash, promise.future());
      if (running != null) return running;
      client.introspect(token).onComplete(ar -> {
        if (ar.succeeded() && ar.result().refusal() == null) {
          active.put(hash, new VerifiedTokens.Entry(ar.result().identity(), ar.result().validUntilMillis()));
        }
        inFlight.remove(hash);
        promise.handle(ar);
      });
      return promise.future();
    }

    private Future<ProxyResponse> accept(Exchange exchange, Identity identity) {
      decisions.count(AuthOutcome.ALLOWED);
      exchange.attach(Identity.class, identity);
      IdentityHeaders.apply(identity, exchange.upstreamHeaders());
      if (!config.forwardToken()) exchange.upstreamHeaders().remove(config.token().header());
      exchange.mark("authenticated", "introspection");
      return exchange.proceed();
    }

    private Future<ProxyResponse> refuse(Exchange exchange, AuthOutcome outcome) {
      decisions.count(outcome);
      return Refusals.refuse(exchange, outcome, "Bearer", config.realm(), null);
    }
  }
}
