package dev.emporium.gateway.policy.aggregate;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** {@code aggregate}: the route answers itself with the merged JSON of several upstream calls. */
public final class AggregateFactory implements PolicyFactory<AggregateConfig> {

  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public Class<AggregateConfig> configType() {
    return AggregateConfig.class;
  }

  @Override
  public boolean answersItself() {
    return true;
  }

  @Override
  public Policy create(AggregateConfig config, PolicyContext context) {
    return new AggregatePolicy(config, context);
  }
}
