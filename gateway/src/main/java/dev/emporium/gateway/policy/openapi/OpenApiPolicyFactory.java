package dev.emporium.gateway.policy.openapi;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** Registers the {@code openapi} validation policy. */
public final class OpenApiPolicyFactory implements PolicyFactory<OpenApiConfig> {

  @Override
  public String name() {
    return "openapi";
  }

  @Override
  public Class<OpenApiConfig> configType() {
    return OpenApiConfig.class;
  }

  @Override
  public Policy create(OpenApiConfig config, PolicyContext context) {
    // The document was compiled when the settings were bound; this finds it in the cache.
    return new OpenApiPolicy(config, OpenApiDocuments.load(config.document()), context.routeName(), context.meters());
  }
}
