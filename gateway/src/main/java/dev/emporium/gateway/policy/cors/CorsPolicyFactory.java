package dev.emporium.gateway.policy.cors;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** Registers the {@code cors} policy. */
public final class CorsPolicyFactory implements PolicyFactory<CorsConfig> {

  @Override
  public String name() {
    return "cors";
  }

  @Override
  public Class<CorsConfig> configType() {
    return CorsConfig.class;
  }

  @Override
  public Policy create(CorsConfig config, PolicyContext context) {
    return new CorsPolicy(config, context.routeName(), context.meters());
  }
}
