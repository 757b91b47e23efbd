package dev.emporium.gateway.resilience;

import dev.emporium.gateway.config.RetryConfig;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A compiled retry policy. It answers two questions: may this request be retried at all (its
 * method is idempotent, or it carries an {@code Idempotency-Key}), and how long to wait before
 * retry number n (exponential backoff with jitter).
 */
public final class RetryPolicy {

  private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

  private final int retries;
  private final long backoffNanos;
  private final long maxBackoffNanos;
  private final double jitter;
  private final boolean onConnectFailure;
  private final boolean onReset;
  private final boolean on503;
  private final boolean onTimeout;
  private final long bufferLimit;

  public RetryPolicy(RetryConfig config) {
    this.retries = config.retries();
    this.backoffNanos = config.backoff().toNanos();
    this.maxBackoffNanos = config.maxBackoff().toNanos();
    this.jitter = config.jitter();
    this.onConnectFailure = config.on().contains("connect-failure");
    this.onReset = config.on().contains("reset");
    this.on503 = config.on().contains("503");
    this.onTimeout = config.on().contains("timeout");
    this.bufferLimit = config.bufferLimit().bytes();
  }

  public int retries() {
    return retries;
  }

  /** Request bodies up to this size are kept so that they can be sent again. */
  public long bufferLimit() {
    return bufferLimit;
  }

  /** Whether a request may be retried at all: idempotent by method, or by the client's key. */
  public boolean isRetryable(String method, boolean hasIdempotencyKey) {
    return retries > 0 && (IDEMPOTENT_METHODS.contains(method) || hasIdempotencyKey);
  }

  /** Whether an attempt that ended this way is worth another. */
  public boolean retriesOn(AttemptOutcome outcome, int status) {
    return switch (outcome) {
      case CONNECT_FAILURE -> onConnectFailure;
      case RESET -> onReset;
      case TIMEOUT -> onTimeout;
      case SERVER_ERROR -> on503 && status == 503;
      case RESPONDED -> false;
    };
  }

  /** Delay before retry {@code n} (1-based): backoff × 2^(n-1), capped, then ± jitter. */
  public long backoffNanos(int n) {
    double base = Math.min((double) maxBackoffNanos, backoffNanos * Math.pow(2, n - 1));
    double spread = jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    return Math.max(0, (long) (base * (1 + spread)));
  }

  public Duration backoff(int n) {
    return Duration.ofNanos(backoffNanos(n));
  }
}
