package dev.emporium.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * When and how a failed attempt is retried. Only idempotent methods, or requests that carry an
 * {@code Idempotency-Key}, are ever retried, and only within the route's deadline and the
 * cluster's retry budget.
 *
 * @param retries retries after the first attempt (spec: 3)
 * @param backoff delay before the first retry, doubled for each further one (spec: 1 s, 2 s, 4 s)
 * @param maxBackoff the longest delay
 * @param jitter random share added or taken from each delay (spec: 0.2 = ±20 %)
 * @param on conditions that cause a retry: {@code connect-failure}, {@code reset}, {@code 503}
 * @param bufferLimit request bodies up to this size are kept so they can be sent again
 */
public record RetryConfig(
    Integer retries, Duration backoff, Duration maxBackoff, Double jitter, List<String> on, ByteSize bufferLimit) {

  public static final List<String> DEFAULT_ON = List.of("connect-failure", "reset", "503");
  public static final RetryConfig DEFAULTS = new RetryConfig(null, null, null, null, null, null);

  public RetryConfig {
    retries = retries == null ? 3 : retries;
    backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
    maxBackoff = maxBackoff == null ? Duration.ofSeconds(4) : maxBackoff;
    jitter = jitter == null ? 0.2 : jitter;
    on = on == null ? DEFAULT_ON : List.copyOf(on);
    bufferLimit = bufferLimit == null ? ByteSize.ofKibibytes(64) : bufferLimit;
  }
}
