package dev.emporium.gateway.testing;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;

/**
 * Stands in for an authentication policy in tests of the policies that come after one: sets
 * {@code X-User-Id} on the upstream request from the client's {@code X-Test-Subject}, as a verified
 * token's subject would be. Found with ServiceLoader on the test class path, as {@code test-subject}.
 */
public final class TestSubject implements PolicyFactory<TestSubject.Settings> {

  public record Settings() {}

  @Override
  public String name() {
    return "test-subject";
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
        String subject = exchange.request().getHeader("X-Test-Subject");
        if (subject != null) exchange.upstreamHeaders().set("X-User-Id", subject);
        return exchange.proceed();
      }
    };
  }
}
