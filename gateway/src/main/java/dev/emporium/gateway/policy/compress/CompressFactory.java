package dev.emporium.gateway.policy.compress;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** The {@code compress} policy: gzip or deflate by the client's {@code Accept-Encoding}. */
public final class CompressFactory implements PolicyFactory<CompressConfig> {

  @Override
  public String name() {
    return "compress";
  }

  @Override
  public Class<CompressConfig> configType() {
    return CompressConfig.class;
  }

  @Override
  public Policy create(CompressConfig config, PolicyContext context) {
    return new CompressPolicy(config, new CompressMeters(context.meters(), context.routeName(), config.encodings()));
  }
}
