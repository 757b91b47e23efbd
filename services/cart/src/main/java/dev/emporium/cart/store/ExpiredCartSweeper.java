package dev.emporium.cart.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes expired carts from PostgreSQL now and then (they already read as empty), in batches so
 * that no sweep holds many row locks at once. Instances may sweep together: SKIP LOCKED keeps them
 * apart.
 */
public class ExpiredCartSweeper {

  private static final Logger log = LoggerFactory.getLogger(ExpiredCartSweeper.class);

  private final PostgresCartStore store;
  private final int batchSize;

  ExpiredCartSweeper(PostgresCartStore store, int batchSize) {
    this.store = store;
    this.batchSize = batchSize;
  }

  @Scheduled(fixedDelayString = "${emporium.cart.sweep.interval:10m}", initialDelayString = "${emporium.cart.sweep.interval:10m}")
  public void sweepScheduled() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // The next sweep tries again; expired carts are invisible meanwhile.
      log.warn("Sweeping expired carts failed", e);
    }
  }

  /** Deletes every expired cart; returns how many. */
  public int sweep() {
    int total = 0;
    int deleted;
    do {
      deleted = store.deleteExpired(batchSize);
      total += deleted;
    } while (deleted == batchSize);
    if (total > 0) {
      log.info("Deleted {} expired carts", total);
    }
    return total;
  }
}
