package dev.emporium.gateway.policy.transform;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** Registers the {@code transform} policy. */
public final class TransformPolicyFactory implements PolicyFactory<TransformConfig> {

  @Override
  public String name() {
    return "transform";
  }

  @Override
  public Class<TransformConfig> configType() {
    return TransformConfig.class;
  }

  @Override
  public Policy create(TransformConfig config, PolicyContext context) {
    return new TransformPolicy(config, context.routeName(), context.meters());
  }
}
