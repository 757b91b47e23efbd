package dev.emporium.platform.events.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with ±20 % jitter (the platform's retry shape): initial × 2^(attempt−1),
 * capped, then jittered so that relays retrying after one broker outage do not all come back at once.
 */
record RetryDelays(Duration initial, Duration max) {

  Duration after(int attempt) {
    long base = initial.toMillis();
    long exponential = attempt >= 31 ? Long.MAX_VALUE : base << Math.max(0, attempt - 1);
    long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, max.toMillis());
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(capped * jitter));
  }
}
