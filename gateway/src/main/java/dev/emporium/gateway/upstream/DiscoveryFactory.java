package dev.emporium.gateway.upstream;

import dev.emporium.gateway.config.ClusterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * Creates the discovery for a cluster whose {@code discovery.type} names this factory. Factories
 * are found with {@link java.util.ServiceLoader}, so a discovery (etcd, DNS, Kubernetes) can ship in
 * its own module.
 */
public interface DiscoveryFactory {

  /** The {@code discovery.type} this factory serves. */
  String type();

  /**
   * Checks the cluster's discovery settings, throwing {@link DiscoverySettingException} naming the
   * setting (or IllegalArgumentException for the block as a whole).
   */
  default void validate(ClusterConfig cluster) {}

  Discovery create(ClusterConfig cluster, Vertx vertx);

  /**
   * Creates the discovery with the gateway's meter registry, for a discovery that reports meters of
   * its own (lookups, failures); by default the registry is not used.
   */
  default Discovery create(ClusterConfig cluster, Vertx vertx, MeterRegistry meters) {
    return create(cluster, vertx);
  }
}
