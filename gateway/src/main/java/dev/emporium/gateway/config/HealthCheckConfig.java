package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Active HTTP health checks of every endpoint in a cluster.
 *
 * @param enabled whether to check at all
 * @param path the path requested, default {@code /health/ready}
 * @param interval time between checks (spec: 10 s)
 * @param timeout time a check may take
 * @param unhealthyThreshold consecutive failures that mark an endpoint unhealthy (spec: 3)
 * @param healthyThreshold consecutive successes that mark it healthy again, default 2
 * @param expectedStatus accepted status codes, as a range {@code 200-399} or a single code
 */
public record HealthCheckConfig(
    Boolean enabled,
    String path,
    Duration interval,
    Duration timeout,
    Integer unhealthyThreshold,
    Integer healthyThreshold,
    String expectedStatus) {

  public static final HealthCheckConfig DEFAULTS = new HealthCheckConfig(null, null, null, null, null, null, null);

  public HealthCheckConfig {
    enabled = enabled == null ? Boolean.FALSE : enabled;
    path = path == null ? "/health/ready" : path;
    interval = interval == null ? Duration.ofSeconds(10) : interval;
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    unhealthyThreshold = unhealthyThreshold == null ? 3 : unhealthyThreshold;
    healthyThreshold = healthyThreshold == null ? 2 : healthyThreshold;
    expectedStatus = expectedStatus == null ? "200-399" : expectedStatus;
  }
}
