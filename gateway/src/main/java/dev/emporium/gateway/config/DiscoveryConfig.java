package dev.emporium.gateway.config;

import java.util.Map;

/**
 * Where a cluster's endpoints come from.
 *
 * @param type {@code static} (the cluster's {@code endpoints}) or a registered discovery type
 * @param settings the discovery type's own settings
 */
public record DiscoveryConfig(String type, Map<String, String> settings) {

  public static final DiscoveryConfig STATIC = new DiscoveryConfig("static", Map.of());

  public DiscoveryConfig {
    type = type == null ? "static" : type;
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
