package dev.emporium.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

  private static final long SECOND = 1_000_000_000L;

  private static LimitConfig limit(long capacity, Duration period) {
    return new LimitConfig("w", "ip", null, null, "sliding-window", capacity, period, null, null);
  }

  @Test
  void admitsCapacityWithinAWindowThenRefuses() {
    SlidingWindow.Counter counter = new SlidingWindow.Counter(limit(5, Duration.ofSeconds(1)));
    long start = 100 * SECOND;
    for (int i = 0; i < 5; i++) {
      Decision d = counter.tryAcquire(start + i);
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(4 - i);
    }
    Decision refused = counter.tryAcquire(start + 10);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    // Five counted at the start of this window: one passes when a fifth of them has slid out of the
    // next window, 1.2 s after the start.
    assertThat(refused.retryNanos()).isBetween(SECOND + SECOND / 5 - 20, SECOND + SECOND / 5);
  }

  @Test
  void theRetryTimeIsWhenARequestReallyPasses() {
    SlidingWindow.Counter counter = new SlidingWindow.Counter(limit(4, Duration.ofSeconds(1)));
    long start = 50 * SECOND + SECOND / 2;
    for (int i = 0; i < 4; i++) assertThat(counter.tryAcquire(start).allowed()).isTrue();
    Decision refused = counter.tryAcquire(start);
    assertThat(refused.allowed()).isFalse();
    long at = start + refused.retryNanos();
    assertThat(counter.tryAcquire(at - SECOND / 100).allowed()).isFalse();
    assertThat(counter.tryAcquire(at).allowed()).isTrue();
  }

  @Test
  void thePreviousWindowWeighsByTheShareStillCovered() {
    SlidingWindow.Counter counter = new SlidingWindow.Counter(limit(10, Duration.ofSeconds(1)));
    long windowStart = 10 * SECOND;
    for (int i = 0; i < 10; i++) assertThat(counter.tryAcquire(windowStart).allowed()).isTrue();
    // Three quarters into the next window, a quarter of the previous ten (2.5) still counts: 7 pass.
    long later = windowStart + SECOND + 3 * SECOND / 4;
    int passed = 0;
    while (counter.tryAcquire(later).allowed()) passed++;
    assertThat(passed).isEqualTo(7);
  }

  @Test
  void forgetsEverythingAfterTwoIdleWindows() {
    SlidingWindow.Counter counter = new SlidingWindow.Counter(limit(2, Duration.ofMillis(100)));
    long t = 7 * SECOND;
    assertThat(counter.tryAcquire(t).allowed()).isTrue();
    assertThat(counter.tryAcquire(t).allowed()).isTrue();
    assertThat(counter.tryAcquire(t).allowed()).isFalse();
    Decision fresh = counter.tryAcquire(t + 200_000_000L);
    assertThat(fresh.allowed()).isTrue();
    assertThat(fresh.remaining()).isEqualTo(1);
  }

  @Test
  void resetIsWhenTheCountHasSlidOutCompletely() {
    Decision d = SlidingWindow.decide(limit(10, Duration.ofSeconds(1)), 1000, 0, 0, 250, true, 1_000_000L);
    assertThat(d.resetNanos()).isEqualTo(1750 * 1_000_000L);
    assertThat(Decision.seconds(d.resetNanos())).isEqualTo(2);
  }
}
