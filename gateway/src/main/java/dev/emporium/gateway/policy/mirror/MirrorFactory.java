package dev.emporium.gateway.policy.mirror;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** {@code mirror}: a copy of each request (or a sampled share) goes to a shadow cluster. */
public final class MirrorFactory implements PolicyFactory<MirrorConfig> {

  @Override
  public String name() {
    return "mirror";
  }

  @Override
  public Class<MirrorConfig> configType() {
    return MirrorConfig.class;
  }

  @Override
  public Policy create(MirrorConfig config, PolicyContext context) {
    return new MirrorPolicy(config, context);
  }
}
