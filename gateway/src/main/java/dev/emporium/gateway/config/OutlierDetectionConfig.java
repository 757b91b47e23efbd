package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Passive outlier ejection: an endpoint that keeps failing real requests is taken out of rotation
 * for a period that grows each time it is ejected again.
 *
 * @param enabled whether to eject at all
 * @param consecutive5xx consecutive 5xx responses that eject, default 5
 * @param consecutiveConnectFailures consecutive connection failures that eject, default 3
 * @param baseEjectionTime first ejection period, multiplied by the number of ejections, default 30 s
 * @param maxEjectionTime the longest ejection, default 5 m
 * @param maxEjectionPercent share of a cluster's endpoints that may be ejected at once, default 50
 */
public record OutlierDetectionConfig(
    Boolean enabled,
    Integer consecutive5xx,
    Integer consecutiveConnectFailures,
    Duration baseEjectionTime,
    Duration maxEjectionTime,
    Integer maxEjectionPercent) {

  public static final OutlierDetectionConfig DEFAULTS = new OutlierDetectionConfig(null, null, null, null, null, null);

  public OutlierDetectionConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    consecutive5xx = consecutive5xx == null ? 5 : consecutive5xx;
    consecutiveConnectFailures = consecutiveConnectFailures == null ? 3 : consecutiveConnectFailures;
    baseEjectionTime = baseEjectionTime == null ? Duration.ofSeconds(30) : baseEjectionTime;
    maxEjectionTime = maxEjectionTime == null ? Duration.ofMinutes(5) : maxEjectionTime;
    maxEjectionPercent = maxEjectionPercent == null ? 50 : maxEjectionPercent;
  }
}
