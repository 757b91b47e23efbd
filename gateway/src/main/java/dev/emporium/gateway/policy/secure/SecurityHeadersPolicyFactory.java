package dev.emporium.gateway.policy.secure;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;

/** Registers the {@code security-headers} policy. */
public final class SecurityHeadersPolicyFactory implements PolicyFactory<SecurityHeadersConfig> {

  @Override
  public String name() {
    return "security-headers";
  }

  @Override
  public Class<SecurityHeadersConfig> configType() {
    return SecurityHeadersConfig.class;
  }

  @Override
  public Policy create(SecurityHeadersConfig config, PolicyContext context) {
    return new SecurityHeadersPolicy(config);
  }
}
