package dev.emporium.gateway.policy.ratelimit;

/**
 * The sliding-window counter: counts of the current and the previous fixed window, the previous
 * one weighted by how much of it the sliding window still covers. Memory is two counters per key,
 * whatever the limit; the estimate assumes the previous window's requests were spread evenly.
 * The same arithmetic decides for the local state and, over counts kept in Redis, for the shared
 * one.
 */
final class SlidingWindow {

  private SlidingWindow() {}

  /**
   * Decides on one request.
   *
   * @param current requests counted in the current window, before this one
   * @param previous requests counted in the previous window
   * @param elapsed time since the current window began, in the same unit as {@code period}
   * @param allowed whether the request was admitted (and so counted in {@code current})
   */
  static Decision decide(LimitConfig limit, long period, long current, long previous, long elapsed,
      boolean allowed, long nanosPerUnit) {
    long capacity = limit.capacity();
    double weight = (double) (period - elapsed) / period;
    long countNow = allowed ? current + 1 : current;
    double used = previous * weight + countNow;
    long remaining = Math.max(0, (long) Math.floor(capacity - used + 1e-9));
    // Whole again once what this window counted has slid out: the end of the next window.
    long reset = countNow > 0 ? 2 * period - elapsed : previous > 0 ? period - elapsed : 0;
    long retry = 0;
    if (!allowed) {
      if (current + 1 <= capacity) {
        // Passes within this window, once the previous window's weight has decayed enough.
        double neededElapsed = period - (double) (capacity - current - 1) * period / previous;
        retry = (long) Math.ceil(neededElapsed - elapsed);
      } else {
        // Passes in the next window, once this window's own count has decayed enough.
        double neededElapsed = period - (double) (capacity - 1) * period / current;
        retry = (period - elapsed) + (long) Math.ceil(neededElapsed);
      }
      retry = Math.max(1, retry);
    }
    return new Decision(limit, allowed, remaining, reset * nanosPerUnit, retry * nanosPerUnit);
  }

  /** Whether a request fits: the weighted count, with it, stays within capacity. */
  static boolean fits(long capacity, long period, long current, long previous, long elapsed) {
    return previous * ((double) (period - elapsed) / period) + current + 1 <= capacity + 1e-9;
  }

  /** The local counter of one key. */
  static final class Counter {
    private final LimitConfig limit;
    private final long period;
    private long window = Long.MIN_VALUE;
    private long current;
    private long previous;

    Counter(LimitConfig limit) {
      this.limit = limit;
      this.period = limit.period().toNanos();
    }

    /** Several event loops may count the same key; each decision is small. */
    synchronized Decision tryAcquire(long nowNanos) {
      long index = Math.floorDiv(nowNanos, period);
      if (index == window + 1) {
        previous = current;
        current = 0;
      } else if (index != window) {
        previous = 0;
        current = 0;
      }
      window = index;
      long elapsed = nowNanos - index * period;
      boolean allowed = fits(limit.capacity(), period, current, previous, elapsed);
      Decision decision = decide(limit, period, current, previous, elapsed, allowed, 1);
      if (allowed) current++;
      return decision;
    }
  }
}
