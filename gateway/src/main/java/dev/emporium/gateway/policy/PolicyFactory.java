package dev.emporium.gateway.policy;

/**
 * Makes a policy from its configuration record. A factory is registered under the name routes use
 * in YAML ({@code policies: [ - name: {settings} ]}); its settings bind to {@link #configType()},
 * which validates itself when constructed.
 *
 * @param <C> the policy's immutable configuration record
 */
public interface PolicyFactory<C> {

  /** The name routes refer to, e.g. {@code jwt} or {@code rate-limit}. */
  String name();

  /** The record the settings bind to. */
  Class<C> configType();

  /** The policy for one route. Called once per configuration load, never on the request path. */
  Policy create(C config, PolicyContext context);

  /** Admin resources this policy offers (served under {@code /admin} with the admin token); none by default. */
  default java.util.List<dev.emporium.gateway.admin.AdminEndpoint> adminEndpoints() {
    return java.util.List.of();
  }
}
