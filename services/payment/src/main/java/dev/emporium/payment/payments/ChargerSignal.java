package dev.emporium.payment.payments;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes the charger as soon as new work has committed (a payment recorded, a refund requested, a
 * slot free), so that it does not wait for its next poll.
 */
@Component
public class ChargerSignal {

  private final Semaphore signal = new Semaphore(0);

  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /** Waits for a wake-up, at most {@code timeout}. */
  void await(Duration timeout) throws InterruptedException {
    if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      signal.drainPermits();
    }
  }
}
