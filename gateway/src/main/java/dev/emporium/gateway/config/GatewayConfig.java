package dev.emporium.gateway.config;

import java.util.List;

/**
 * The whole gateway configuration, as read from YAML. Immutable; validated by {@link ConfigValidator}
 * and then compiled into the runtime objects the request path uses.
 */
public record GatewayConfig(
    List<ListenerConfig> listeners,
    ServerConfig server,
    LimitsConfig limits,
    AdminConfig admin,
    AccessLogConfig accessLog,
    TracingConfig tracing,
    List<RouteConfig> routes,
    List<ClusterConfig> clusters,
    CacheConfig cache) {

  public GatewayConfig {
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
    server = server == null ? ServerConfig.DEFAULTS : server;
    limits = limits == null ? LimitsConfig.DEFAULTS : limits;
    admin = admin == null ? AdminConfig.DEFAULTS : admin;
    accessLog = accessLog == null ? AccessLogConfig.DEFAULTS : accessLog;
    tracing = tracing == null ? TracingConfig.DEFAULTS : tracing;
    routes = routes == null ? List.of() : List.copyOf(routes);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    cache = cache == null ? CacheConfig.DEFAULTS : cache;
  }

  public ClusterConfig cluster(String name) {
    for (ClusterConfig c : clusters) {
      if (c.name().equals(name)) return c;
    }
    return null;
  }
}
