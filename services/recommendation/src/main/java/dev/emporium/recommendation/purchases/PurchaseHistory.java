package dev.emporium.recommendation.purchases;

import dev.emporium.recommendation.RecommendationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learns from completed orders: each one adds to its buyer's history, to the units sold on its
 * day (and to the popular totals, when its day is in the window) and to the "bought together"
 * count of every pair of its products. An order counts once,
 * whatever the number of events that report it.
 */
@Service
public class PurchaseHistory {

  private static final Logger log = LoggerFactory.getLogger(PurchaseHistory.class);

  private final PurchaseRepository purchases;
  private final PopularWindow window;
  private final int maxPairProducts;

  PurchaseHistory(PurchaseRepository purchases, PopularWindow window, RecommendationProperties properties) {
    this.purchases = purchases;
    this.window = window;
    this.maxPairProducts = properties.maxPairProducts();
  }

  /** @return whether the order was counted now (false when it had been counted before) */
  @Transactional
  public boolean count(CompletedOrder order) {
    if (!purchases.markCounted(order)) {
      log.debug("order {} was counted before; ignored", order.orderId());
      return false;
    }
    purchases.addPurchases(order);
    purchases.addSales(order);
    if (window.contains(order.completedAt())) {
      purchases.addToPopular(order);
    }
    if (order.lines().size() > maxPairProducts) {
      log.info("order {} has {} products; only the first {} count as bought together", order.orderId(),
          order.lines().size(), maxPairProducts);
    }
    purchases.addPairs(Pair.of(order.products(), maxPairProducts));
    return true;
  }

  /** Recomputes the popular totals, dropping the days that have left the window since the last time. */
  @Transactional
  public int refreshPopular() {
    return purchases.recomputePopular(window.firstDay());
  }
}
