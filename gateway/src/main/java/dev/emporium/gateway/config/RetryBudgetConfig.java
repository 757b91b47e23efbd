package dev.emporium.gateway.config;

import java.time.Duration;

/**
 * Caps retries so that a struggling cluster is not buried under them: over the window, retries may
 * be at most {@code ratio} of requests, but at least {@code minRetriesPerSecond} are always allowed.
 *
 * @param ratio retries allowed per request, default 0.2
 * @param minRetriesPerSecond retries always allowed, default 10 per second
 * @param window the period the counts cover, default 10 s
 */
public record RetryBudgetConfig(Double ratio, Integer minRetriesPerSecond, Duration window) {

  public static final RetryBudgetConfig DEFAULTS = new RetryBudgetConfig(null, null, null);

  public RetryBudgetConfig {
    ratio = ratio == null ? 0.2 : ratio;
    minRetriesPerSecond = minRetriesPerSecond == null ? 10 : minRetriesPerSecond;
    window = window == null ? Duration.ofSeconds(10) : window;
  }
}
