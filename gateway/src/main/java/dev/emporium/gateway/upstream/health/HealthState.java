package dev.emporium.gateway.upstream.health;

/**
 * The active-check verdict on one endpoint: it turns unhealthy after {@code unhealthyThreshold}
 * consecutive failed checks and healthy again after {@code healthyThreshold} consecutive passes,
 * so one lost probe neither ejects a good endpoint nor readmits a bad one.
 */
public final class HealthState {

  private final int unhealthyThreshold;
  private final int healthyThreshold;
  private boolean healthy;
  private int consecutiveFailures;
  private int consecutiveSuccesses;

  public HealthState(int unhealthyThreshold, int healthyThreshold, boolean initiallyHealthy) {
    this.unhealthyThreshold = unhealthyThreshold;
    this.healthyThreshold = healthyThreshold;
    this.healthy = initiallyHealthy;
  }

  /** Records one check; returns the verdict after it. */
  public synchronized boolean record(boolean passed) {
    if (passed) {
      consecutiveFailures = 0;
      consecutiveSuccesses++;
      if (!healthy && consecutiveSuccesses >= healthyThreshold) healthy = true;
    } else {
      consecutiveSuccesses = 0;
      consecutiveFailures++;
      if (healthy && consecutiveFailures >= unhealthyThreshold) healthy = false;
    }
    return healthy;
  }

  public synchronized boolean healthy() {
    return healthy;
  }
}
