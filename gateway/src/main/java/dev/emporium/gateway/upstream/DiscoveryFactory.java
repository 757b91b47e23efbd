package dev.emporium.gateway.upstream;

import dev.emporium.gateway.config.ClusterConfig;
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
}
