package dev.emporium.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.RetryBudgetConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

  @Test
  void allowsRetriesUpToTheRatioOfRequests() {
    RetryBudget budget = budget(0.2, 0, 10);
    requests(budget, 100);

    assertThat(retries(budget, 30)).isEqualTo(20);
  }

  @Test
  void alwaysAllowsTheMinimumPerSecondOverTheWindow() {
    RetryBudget budget = budget(0.2, 3, 10);
    requests(budget, 10);

    // 10 requests earn 2 retries, but 3 per second over 10 s are always allowed.
    assertThat(retries(budget, 100)).isEqualTo(30);
  }

  @Test
  void refusesEveryRetryWithNeitherRequestsNorMinimum() {
    RetryBudget budget = budget(0.5, 0, 10);

    assertThat(budget.tryAcquireRetry()).isFalse();
  }

  @Test
  void forgetsRequestsOnceTheyLeaveTheWindow() {
    RetryBudget budget = budget(0.5, 0, 10);
    requests(budget, 100);

    clock.addAndGet(9 * SECOND);
    assertThat(retries(budget, 10)).isEqualTo(10);

    clock.addAndGet(SECOND);
    assertThat(budget.tryAcquireRetry()).isFalse();
  }

  @Test
  void freesRetriesOnceTheyLeaveTheWindow() {
    RetryBudget budget = budget(0.5, 0, 10);
    requests(budget, 20);
    assertThat(retries(budget, 20)).isEqualTo(10);

    clock.addAndGet(5 * SECOND);
    requests(budget, 20);
    // 40 requests in the window allow 20 retries; 10 are taken.
    assertThat(retries(budget, 20)).isEqualTo(10);

    clock.addAndGet(5 * SECOND);
    // The first second's requests and retries have left: 20 requests, 10 retries in the window.
    assertThat(budget.tryAcquireRetry()).isFalse();
    requests(budget, 2);
    assertThat(retries(budget, 5)).isEqualTo(1);
  }

  @Test
  void startsAfreshAfterALongQuietSpell() {
    RetryBudget budget = budget(0.2, 0, 10);
    requests(budget, 1_000);
    retries(budget, 200);

    clock.addAndGet(3_600 * SECOND);
    requests(budget, 10);

    assertThat(retries(budget, 10)).isEqualTo(2);
  }

  private RetryBudget budget(double ratio, int minPerSecond, int windowSeconds) {
    return new RetryBudget(new RetryBudgetConfig(ratio, minPerSecond, Duration.ofSeconds(windowSeconds)), clock::get);
  }

  private static void requests(RetryBudget budget, int n) {
    for (int i = 0; i < n; i++) budget.recordRequest();
  }

  private static int retries(RetryBudget budget, int attempts) {
    int granted = 0;
    for (int i = 0; i < attempts; i++) if (budget.tryAcquireRetry()) granted++;
    return granted;
  }
}
