package dev.emporium.gateway.upstream;

import dev.emporium.gateway.config.ClusterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The discovery types this gateway knows: {@code static}, plus those found on the class path. */
public final class DiscoveryRegistry {

  private final Map<String, DiscoveryFactory> factories = new HashMap<>();

  public DiscoveryRegistry() {
    for (DiscoveryFactory factory : ServiceLoader.load(DiscoveryFactory.class)) {
      factories.put(factory.type(), factory);
    }
  }

  public DiscoveryRegistry register(DiscoveryFactory factory) {
    factories.put(factory.type(), factory);
    return this;
  }

  public Set<String> types() {
    Set<String> types = new java.util.TreeSet<>(factories.keySet());
    types.add("static");
    return types;
  }

  public boolean knows(String type) {
    return "static".equals(type) || factories.containsKey(type);
  }

  public void validate(ClusterConfig cluster) {
    DiscoveryFactory factory = factories.get(cluster.discovery().type());
    if (factory != null) factory.validate(cluster);
  }

  public Discovery create(ClusterConfig cluster, Vertx vertx) {
    return create(cluster, vertx, new SimpleMeterRegistry());
  }

  /** The cluster's discovery; {@code meters} receives the meters a discovery keeps. */
  public Discovery create(ClusterConfig cluster, Vertx vertx, MeterRegistry meters) {
    String type = cluster.discovery().type();
    if ("static".equals(type)) return new StaticDiscovery(cluster.endpoints());
    DiscoveryFactory factory = factories.get(type);
    if (factory == null) throw new IllegalArgumentException("unknown discovery type '" + type + "'");
    return factory.create(cluster, vertx, meters);
  }
}
