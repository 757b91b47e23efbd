package dev.emporium.cart.cart;

import org.jspecify.annotations.Nullable;

/**
 * Where carts live (Redis or PostgreSQL, chosen by {@code emporium.cart.store}). Both behave alike,
 * which CartStoreContract checks against each real engine: an expired cart reads as empty, every
 * write restarts its expiry, and a write based on a stale read is refused rather than lost.
 */
public interface CartStore {

  /** The user's cart, or an empty cart at version 0 when there is none or it has expired. */
  Cart load(String userId);

  /**
   * Writes {@code cart} (with its {@code expiresAt}) if the stored cart is still at
   * {@code cart.version()}, as one atomic step.
   *
   * @return the stored cart at its new version, or null when another write came first (reload and
   *     apply the change again)
   */
  @Nullable Cart save(Cart cart);

  /** Forgets the user's cart; nothing happens when there is none. */
  void delete(String userId);

  /** Throws when the store cannot be reached (the readiness probe). */
  void check();
}
