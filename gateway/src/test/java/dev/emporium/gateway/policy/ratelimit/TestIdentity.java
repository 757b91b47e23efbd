package dev.emporium.gateway.policy.ratelimit;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;

/**
 * Stands in for the identity policy: removes any client-sent {@code X-User-Id} and
 * {@code X-Consumer} from the upstream headers, then sets them from the test's stand-ins for a
 * verified token ({@code X-Test-Subject}) and an API key ({@code X-Test-Consumer}).
 */
final class TestIdentity implements PolicyFactory<TestIdentity.Settings> {

  record Settings() {}

  static PolicyRegistry registry(RateLimitFactory rateLimits) {
    return new PolicyRegistry().register(new TestIdentity()).register(rateLimits);
  }

  @Override
  public String name() {
    return "test-identity";
  }

  @Override
  public Class<Settings> configType() {
    return Settings.class;
  }

  @Override
  public Policy create(Settings config, PolicyContext context) {
    return new Policy() {
      @Override
      public Future<ProxyResponse> onRequest(Exchange exchange) {
        exchange.upstreamHeaders().remove("X-User-Id");
        exchange.upstreamHeaders().remove("X-Consumer");
        String subject = exchange.request().getHeader("X-Test-Subject");
        if (subject != null) exchange.upstreamHeaders().set("X-User-Id", subject);
        String consumer = exchange.request().getHeader("X-Test-Consumer");
        if (consumer != null) exchange.upstreamHeaders().set("X-Consumer", consumer);
        return exchange.proceed();
      }
    };
  }
}
