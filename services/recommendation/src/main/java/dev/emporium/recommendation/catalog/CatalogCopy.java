package dev.emporium.recommendation.catalog;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the service's copy of the catalogue up to date from product events. Each event carries the
 * whole product, so applying one is a replace; {@code version} makes a late, older event harmless.
 */
@Service
public class CatalogCopy {

  private static final Logger log = LoggerFactory.getLogger(CatalogCopy.class);

  private final ProductRepository products;

  CatalogCopy(ProductRepository products) {
    this.products = products;
  }

  /** @return whether the copy changed (false for a version already held or older) */
  @Transactional
  public boolean apply(Product product, Instant changedAt) {
    boolean changed = products.saveIfNewer(product, changedAt);
    if (!changed) {
      log.debug("product {} version {} is not newer than the copy; ignored", product.id(), product.version());
    }
    return changed;
  }
}
