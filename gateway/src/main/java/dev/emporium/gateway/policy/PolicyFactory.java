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

  /**
   * Clusters the policy may send the route's requests to besides the route's own, keyed by the
   * settings field that names each (e.g. {@code weights.orders-v2}). Validation reports an unknown
   * one at that field; compiling makes each ready as a target of the route.
   */
  default java.util.Map<String, String> clusters(C config) {
    return java.util.Map.of();
  }

  /**
   * Whether the policy answers every request itself and never forwards it (an aggregation): a
   * route with such a policy may leave out {@code cluster}.
   */
  default boolean answersItself() {
    return false;
  }

  /** The policy for one route. Called once per configuration load, never on the request path. */
  Policy create(C config, PolicyContext context);

  /** Admin resources this policy offers (served under {@code /admin} with the admin token); none by default. */
  default java.util.List<dev.emporium.gateway.admin.AdminEndpoint> adminEndpoints() {
    return java.util.List.of();
  }
}
