package dev.emporium.recommendation.purchases;

import dev.emporium.recommendation.RecommendationProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Recomputes the popular totals at start-up and then every {@code popular-refresh-interval}: orders
 * add to the totals as they are counted, but only a recomputation notices that a day has left the
 * window (or that the window was reconfigured). A failed run is logged and the next one tries again.
 */
@Component
class PopularityRefresh implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PopularityRefresh.class);

  private final PurchaseHistory history;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  PopularityRefresh(PurchaseHistory history, RecommendationProperties properties) {
    this.history = history;
    this.interval = properties.popularRefreshInterval();
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("popularity-refresh")
        .daemon(true).factory());
    scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void refresh() {
    try {
      int products = history.refreshPopular();
      log.debug("popular totals recomputed: {} products sold in the window", products);
    } catch (RuntimeException e) {
      log.warn("recomputing the popular totals failed; retrying in {}", interval, e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
