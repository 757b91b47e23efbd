package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * How a cluster picks an endpoint for a request.
 *
 * @param policy {@code round-robin}, {@code weighted-round-robin}, {@code least-request},
 *     {@code peak-ewma} or {@code consistent-hash}
 * @param hashOn the request attribute {@code consistent-hash} hashes
 * @param zoneAware prefer endpoints in the gateway's own zone
 * @param ewmaDecay how fast {@code peak-ewma} forgets a slow response
 */
public record LoadBalancerConfig(String policy, HashOnConfig hashOn, ZoneAwareConfig zoneAware, Duration ewmaDecay) {

  public static final LoadBalancerConfig DEFAULTS = new LoadBalancerConfig(null, null, null, null);

  public LoadBalancerConfig {
    policy = policy == null ? "round-robin" : policy;
    ewmaDecay = ewmaDecay == null ? Duration.ofSeconds(10) : ewmaDecay;
  }
}
