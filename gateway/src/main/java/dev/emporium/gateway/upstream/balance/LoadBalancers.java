package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.config.LoadBalancerConfig;
import dev.emporium.gateway.config.ZoneAwareConfig;
import dev.emporium.gateway.upstream.LoadBalancer;
import java.util.Set;

/** Builds a cluster's balancer from its configuration. */
public final class LoadBalancers {

  public static final Set<String> POLICIES =
      Set.of("round-robin", "weighted-round-robin", "least-request", "peak-ewma", "consistent-hash");

  private LoadBalancers() {}

  /**
   * @param config the cluster's balancer settings
   * @param gatewayZone the gateway's own zone, the default local zone for zone-aware preference
   */
  public static LoadBalancer create(LoadBalancerConfig config, String gatewayZone) {
    ZoneAwareConfig zoneAware = config.zoneAware();
    if (zoneAware == null) return policy(config);
    String localZone = zoneAware.localZone() != null ? zoneAware.localZone() : gatewayZone;
    return new ZoneAwareBalancer(localZone, zoneAware.minHealthyShare(), () -> policy(config));
  }

  private static LoadBalancer policy(LoadBalancerConfig config) {
    return switch (config.policy()) {
      case "round-robin" -> new RoundRobinBalancer();
      case "weighted-round-robin" -> new SmoothWeightedRoundRobinBalancer();
      case "least-request" -> new LeastRequestBalancer();
      case "peak-ewma" -> new PeakEwmaBalancer(config.ewmaDecay());
      case "consistent-hash" -> new ConsistentHashBalancer();
      default -> throw new IllegalArgumentException("unknown load balancer policy '" + config.policy() + "'");
    };
  }
}
