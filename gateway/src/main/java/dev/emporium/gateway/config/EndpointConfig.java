package dev.emporium.gateway.config;

/**
 * One upstream endpoint.
 *
 * @param address {@code host:port}
 * @param weight relative share of traffic for weighted balancers, default 1
 * @param zone availability zone, for zone-aware balancing
 */
public record EndpointConfig(String address, Integer weight, String zone) {

  public EndpointConfig {
    weight = weight == null ? 1 : weight;
  }
}
