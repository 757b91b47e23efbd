package dev.emporium.gateway.resilience;

import dev.emporium.gateway.config.RetryBudgetConfig;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Limits retries to a share of requests over a sliding window (as Finagle and Linkerd do), so that
 * retries cannot multiply the load on a cluster that is already failing. A minimum rate of retries
 * is always allowed so that a quiet cluster can still retry.
 *
 * <p>Counts are kept in one-second buckets; the window is the sum of the last buckets. Races
 * between event loops may let a retry or two past the line, never more.
 */
public final class RetryBudget {

  private final double ratio;
  private final long minRetriesPerWindow;
  private final int buckets;
  private final AtomicLongArray requests;
  private final AtomicLongArray retries;
  private final AtomicLongArray bucketSecond;
  private final LongSupplier clockNanos;

  public RetryBudget(RetryBudgetConfig config) {
    this(config, System::nanoTime);
  }

  public RetryBudget(RetryBudgetConfig config, LongSupplier clockNanos) {
    this.ratio = config.ratio();
    this.buckets = (int) Math.max(1, config.window().toSeconds());
    this.minRetriesPerWindow = (long) config.minRetriesPerSecond() * buckets;
    this.requests = new AtomicLongArray(buckets);
    this.retries = new AtomicLongArray(buckets);
    this.bucketSecond = new AtomicLongArray(buckets);
    this.clockNanos = clockNanos;
  }

  /** Counts a first attempt. */
  public void recordRequest() {
    requests.incrementAndGet(currentBucket());
  }

  /** Takes one retry from the budget if there is one left. */
  public boolean tryAcquireRetry() {
    int current = currentBucket();
    long second = bucketSecond.get(current);
    long requestSum = 0;
    long retrySum = 0;
    for (int i = 0; i < buckets; i++) {
      if (second - bucketSecond.get(i) < buckets) {
        requestSum += requests.get(i);
        retrySum += retries.get(i);
      }
    }
    long allowed = Math.max(minRetriesPerWindow, (long) (requestSum * ratio));
    if (retrySum >= allowed) return false;
    retries.incrementAndGet(current);
    return true;
  }

  private int currentBucket() {
    long second = Math.floorDiv(clockNanos.getAsLong(), 1_000_000_000L);
    int index = (int) Math.floorMod(second, (long) buckets);
    long seen = bucketSecond.get(index);
    if (seen != second && bucketSecond.compareAndSet(index, seen, second)) {
      requests.set(index, 0);
      retries.set(index, 0);
    }
    return index;
  }
}
