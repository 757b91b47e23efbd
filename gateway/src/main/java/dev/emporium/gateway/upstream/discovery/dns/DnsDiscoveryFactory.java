package dev.emporium.gateway.upstream.discovery.dns;

import dev.emporium.gateway.config.ClusterConfig;
import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.gateway.upstream.DiscoveryFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * Discovery type {@code dns}: a cluster's members are the addresses a DNS name resolves to, such as
 * a Kubernetes headless Service's ready pods (docs/gateway.md, "Discovery").
 */
public final class DnsDiscoveryFactory implements DiscoveryFactory {

  @Override
  public String type() {
    return "dns";
  }

  @Override
  public void validate(ClusterConfig cluster) {
    DnsDiscoverySettings.parse(cluster.discovery().settings());
    if (!cluster.endpoints().isEmpty()) {
      throw new IllegalArgumentException("endpoints come from DNS for discovery type dns; remove the cluster's endpoints");
    }
  }

  @Override
  public Discovery create(ClusterConfig cluster, Vertx vertx) {
    return create(cluster, vertx, new SimpleMeterRegistry());
  }

  @Override
  public Discovery create(ClusterConfig cluster, Vertx vertx, MeterRegistry meters) {
    return new DnsDiscovery(cluster.name(), DnsDiscoverySettings.parse(cluster.discovery().settings()), vertx, meters);
  }
}
