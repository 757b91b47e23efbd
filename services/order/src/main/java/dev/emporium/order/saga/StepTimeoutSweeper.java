package dev.emporium.order.saga;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels orders stuck in a step (reason {@code timeout}) every {@code saga.sweep-interval}. Safe on
 * every instance at once: each batch locks its orders with {@code FOR UPDATE SKIP LOCKED}, so two
 * sweepers never take the same order and neither waits for the other.
 */
@Component
class StepTimeoutSweeper {

  private static final Logger log = LoggerFactory.getLogger(StepTimeoutSweeper.class);

  private final OrderSaga saga;

  StepTimeoutSweeper(OrderSaga saga) {
    this.saga = saga;
  }

  @Scheduled(fixedDelayString = "${emporium.order.saga.sweep-interval:5s}",
      initialDelayString = "${emporium.order.saga.sweep-interval:5s}")
  void sweep() {
    try {
      int cancelled;
      do {
        cancelled = saga.cancelTimedOut();
        if (cancelled > 0) {
          log.info("cancelled {} orders that timed out in their step", cancelled);
        }
      } while (cancelled == saga.sweepBatchSize());
    } catch (RuntimeException e) {
      // The next sweep tries again; a database that is away must not stop the schedule.
      log.warn("step-timeout sweep failed: {}", e.toString());
    }
  }
}
