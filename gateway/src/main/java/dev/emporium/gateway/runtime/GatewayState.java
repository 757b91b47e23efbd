package dev.emporium.gateway.runtime;

import dev.emporium.gateway.config.GatewayConfig;
import dev.emporium.gateway.config.LoadedConfig;
import dev.emporium.gateway.edge.TrustedProxies;
import dev.emporium.gateway.routing.PathNormalizer;
import dev.emporium.gateway.routing.Router;
import java.util.List;
import java.util.Map;

/**
 * One compiled configuration, immutable. A request reads the current state once when it arrives
 * and keeps it to the end, so a reload never changes the rules under a request in flight.
 *
 * @param version increases with every successful load
 * @param loaded the configuration it was compiled from
 * @param router the route table
 * @param routes routes in declaration order
 * @param clusters running clusters by name
 * @param normalizer the path normalizer
 * @param trustedProxies proxies whose forwarding headers are believed
 */
public record GatewayState(
    long version,
    LoadedConfig loaded,
    Router<Route> router,
    List<Route> routes,
    Map<String, dev.emporium.gateway.upstream.Cluster> clusters,
    PathNormalizer normalizer,
    TrustedProxies trustedProxies) {

  public GatewayConfig config() {
    return loaded.config();
  }
}
