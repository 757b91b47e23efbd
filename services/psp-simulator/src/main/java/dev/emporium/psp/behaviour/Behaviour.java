package dev.emporium.psp.behaviour;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulator misbehaves, applied to every {@code /v1} call before it is processed.
 *
 * @param latencyMs every call waits at least this long
 * @param latencyJitterMs plus a uniformly random 0 to this many milliseconds
 * @param failureRate share of calls (0 to 1) answered 503 without being processed
 * @param timeoutRate share of calls (0 to 1) held for the configured timeout hold, then answered
 *     503 without being processed: the client gives up first
 * @param seed makes the random choices repeatable; none draws a fresh sequence
 */
public record Behaviour(@DefaultValue("0") long latencyMs, @DefaultValue("0") long latencyJitterMs,
    @DefaultValue("0") double failureRate, @DefaultValue("0") double timeoutRate, @Nullable Long seed) {

  public static final Behaviour NORMAL = new Behaviour(0, 0, 0, 0, null);

  public Behaviour {
    check(latencyMs >= 0, "latencyMs", "must be at least 0");
    check(latencyJitterMs >= 0, "latencyJitterMs", "must be at least 0");
    check(failureRate >= 0 && failureRate <= 1, "failureRate", "must be between 0 and 1");
    check(timeoutRate >= 0 && timeoutRate <= 1, "timeoutRate", "must be between 0 and 1");
  }

  private static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidBehaviourException(field, message);
    }
  }
}
