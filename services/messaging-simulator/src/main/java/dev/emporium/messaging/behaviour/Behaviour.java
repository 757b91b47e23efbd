package dev.emporium.messaging.behaviour;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one channel misbehaves, applied to every delivery before it is accepted.
 *
 * @param latencyMs every delivery waits at least this long
 * @param latencyJitterMs plus a uniformly random 0 to this many milliseconds
 * @param failureRate share of deliveries (0 to 1) refused without being kept: HTTP
 *     {@code failureStatus} on the SMS and push APIs, SMTP 451 (try again later) on the sink
 * @param failureStatus the HTTP status of a refused delivery: 503 or 500
 * @param seed makes the random choices repeatable; none draws a fresh sequence
 */
public record Behaviour(@DefaultValue("0") long latencyMs, @DefaultValue("0") long latencyJitterMs,
    @DefaultValue("0") double failureRate, @DefaultValue("503") int failureStatus, @Nullable Long seed) {

  public static final Behaviour NORMAL = new Behaviour(0, 0, 0, 503, null);

  public Behaviour {
    check(latencyMs >= 0, "latencyMs", "must be at least 0");
    check(latencyJitterMs >= 0, "latencyJitterMs", "must be at least 0");
    check(failureRate >= 0 && failureRate <= 1, "failureRate", "must be between 0 and 1");
    check(failureStatus == 500 || failureStatus == 503, "failureStatus", "must be 500 or 503");
  }

  private static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidBehaviourException(field, message);
    }
  }
}
