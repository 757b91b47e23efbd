package dev.emporium.platform.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class RetryDelaysTest {

  private final RetryDelays delays = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @RepeatedTest(20)
  void doublesPerAttemptWithinTwentyPercentJitter() {
    assertThat(delays.after(1).toMillis()).isBetween(800L, 1200L);
    assertThat(delays.after(2).toMillis()).isBetween(1600L, 2400L);
    assertThat(delays.after(3).toMillis()).isBetween(3200L, 4800L);
  }

  @RepeatedTest(5)
  void neverExceedsTheCeilingPlusJitterEvenAfterManyAttempts() {
    assertThat(delays.after(10).toMillis()).isBetween(24_000L, 36_000L);
    assertThat(delays.after(1000).toMillis()).isBetween(24_000L, 36_000L);
  }
}
