package dev.emporium.gateway.config;

/**
 * Zone-aware preference: requests stay in the local zone while enough of it is healthy, and spill
 * over to other zones in proportion as it falls short.
 *
 * @param localZone the zone to prefer; default {@code server.zone}
 * @param minHealthyShare share of the local zone's endpoints that must be available for all
 *     traffic to stay local, 0.0 to 1.0, default 0.7
 */
public record ZoneAwareConfig(String localZone, Double minHealthyShare) {

  public ZoneAwareConfig {
    minHealthyShare = minHealthyShare == null ? 0.7 : minHealthyShare;
  }
}
