package dev.emporium.gateway.upstream.discovery.etcd;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.gateway.upstream.DiscoveryFactory;
import io.vertx.core.Vertx;

/**
 * {@code discovery: {type: etcd}}: a cluster whose members are the instances of a service registered
 * in etcd (docs/gateway.md, "etcd discovery").
 */
public final class EtcdDiscoveryFactory implements DiscoveryFactory {

  @Override
  public String type() {
    return "etcd";
  }

  @Override
  public void validate(ClusterConfig cluster) {
    EtcdSettings.of(cluster);
    if (!cluster.endpoints().isEmpty()) {
      throw new IllegalArgumentException("a cluster with etcd discovery takes its members from etcd; "
          + "remove its endpoints");
    }
  }

  @Override
  public Discovery create(ClusterConfig cluster, Vertx vertx) {
    return new EtcdDiscovery(cluster.name(), EtcdSettings.of(cluster), vertx);
  }
}
