package dev.emporium.notification.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));

  @Test
  void doublesTheDelayPerAttemptUpToTheCap() {
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.delayAfter(40)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theLastAttemptGetsNoRetry() {
    assertThat(policy.retries(5)).isTrue();
    assertThat(policy.retries(6)).isFalse();
  }

  @Test
  void cappedDelaysShareOneDelayQueue() {
    assertThat(policy.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(5));
    assertThat(new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1)).delays()).isEmpty();
  }
}
