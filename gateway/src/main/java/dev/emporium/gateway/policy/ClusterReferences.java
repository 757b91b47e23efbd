package dev.emporium.gateway.policy;

import java.util.Map;

/**
 * Implemented by a policy's configuration record when its settings name clusters (a policy that
 * calls them through {@link ClusterCalls}). The configuration validator checks every name against
 * the configured clusters, so a typo is refused at load time with the field that holds it.
 */
public interface ClusterReferences {

  /**
   * The clusters named, by the field that names each, relative to the policy's settings (e.g.
   * {@code parts.cart.cluster}); in a stable order.
   */
  Map<String, String> clusterReferences();
}
