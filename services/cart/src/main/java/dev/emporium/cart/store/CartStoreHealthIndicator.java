package dev.emporium.cart.store;

import dev.emporium.cart.cart.CartStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** {@code cartStore} in {@code /health/ready}: up when the configured store answers. */
class CartStoreHealthIndicator extends AbstractHealthIndicator {

  private final CartStore store;

  CartStoreHealthIndicator(CartStore store) {
    super("Cart store check failed");
    this.store = store;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    store.check();
    builder.up();
  }
}
