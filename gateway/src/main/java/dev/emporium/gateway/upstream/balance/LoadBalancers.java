package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.config.LoadBalancerConfig;
import dev.emporium.gateway.upstream.LoadBalancer;
import java.util.Set;

/** Builds a cluster's balancer from its configuration. */
public final class LoadBalancers {

  public static final Set<String> POLICIES = Set.of("round-robin");

  private LoadBalancers() {}

  /**
   * @param config the cluster's balancer settings
   * @param gatewayZone the gateway's own zone, the default local zone for zone-aware preference
   */
  public static LoadBalancer create(LoadBalancerConfig config, String gatewayZone) {
    return switch (config.policy()) {
      case "round-robin" -> new RoundRobinBalancer();
      default -> throw new IllegalArgumentException("unknown load balancer policy '" + config.policy() + "'");
    };
  }
}
