package dev.emporium.notification.queue;

import dev.emporium.notification.NotificationProperties;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Exponential backoff with a bound on attempts: after failed attempt n (1-based) the job waits
 * {@code min(initialDelay * multiplier^(n-1), maxDelay)}; after failed attempt {@code maxAttempts}
 * it is dead-lettered. The delays are whole milliseconds, each one a delay queue.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

  public static RetryPolicy of(NotificationProperties.Retry retry) {
    return new RetryPolicy(retry.maxAttempts(), retry.initialDelay(), retry.multiplier(), retry.maxDelay());
  }

  /** Whether a job whose attempt {@code attempt} failed gets another one. */
  public boolean retries(int attempt) {
    return attempt < maxAttempts;
  }

  /** How long a job waits after its attempt {@code attempt} failed. */
  public Duration delayAfter(int attempt) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
  }

  /** Every delay a job can wait, in order, without repeats (the capped ones share one queue). */
  public Set<Duration> delays() {
    Set<Duration> delays = new LinkedHashSet<>();
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      delays.add(delayAfter(attempt));
    }
    return delays;
  }
}
