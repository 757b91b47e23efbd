package dev.emporium.gateway.policy.fault;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** The {@code fault-injection} policy: delays and aborts for a share of a route's requests. */
public final class FaultInjectionFactory implements PolicyFactory<FaultInjectionConfig> {

  @Override
  public String name() {
    return "fault-injection";
  }

  @Override
  public Class<FaultInjectionConfig> configType() {
    return FaultInjectionConfig.class;
  }

  @Override
  public Policy create(FaultInjectionConfig config, PolicyContext context) {
    return new FaultInjectionPolicy(config, context.routeName(), context.vertx(), context.meters());
  }
}
