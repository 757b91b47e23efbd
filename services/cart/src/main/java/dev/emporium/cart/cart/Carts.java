package dev.emporium.cart.cart;

import dev.emporium.cart.CartProperties;
import dev.emporium.cart.cart.CartRuleException.Kind;
import dev.emporium.cart.catalog.ProductCatalogClient;
import dev.emporium.cart.catalog.ProductSnapshot;
import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The cart's use cases, always on the caller's own cart (a user id names exactly one cart, so no
 * one can reach another's). A change is read, applied and written with the version it was read at;
 * when another request wrote in between, it is applied again to the newer cart.
 */
@Service
public class Carts {

  private final CartStore store;
  private final ProductCatalogClient catalog;
  private final CartLimits limits;
  private final Pattern productIds;
  private final Duration ttl;
  private final int maxAttempts;
  private final Clock clock;

  @Autowired
  Carts(CartStore store, ProductCatalogClient catalog, CartProperties properties) {
    this(store, catalog, properties, Clock.systemUTC());
  }

  Carts(CartStore store, ProductCatalogClient catalog, CartProperties properties, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.limits = new CartLimits(properties.maxLines(), properties.maxQuantity());
    this.productIds = properties.productIds();
    this.ttl = properties.ttl();
    this.maxAttempts = properties.maxUpdateAttempts();
    this.clock = clock;
  }

  public Cart get(Caller caller) {
    Access.requireAuthenticated(caller);
    return store.load(caller.userId());
  }

  /** The outcome of an add: the cart, and whether the product got a new line. */
  public record Added(Cart cart, boolean newLine) {}

  /**
   * Adds units of a product. A new line snapshots the product's name and price from the catalogue;
   * more units of a product already in the cart keep the price it was added at.
   */
  public Added add(Caller caller, String productId, int quantity) {
    Access.requireAuthenticated(caller);
    requireProductId(productId);
    requireQuantity(quantity, 1);
    Cart current = store.load(caller.userId());
    CartLine snapshot = current.line(productId).isPresent() ? null : snapshot(productId, quantity);
    boolean[] newLine = new boolean[1];
    Cart saved = change(caller, current, cart -> {
      CartLine existing = cart.line(productId).orElse(null);
      newLine[0] = existing == null;
      if (existing == null) {
        // The line was removed between the first read and this attempt: price it now.
        return cart.add(snapshot != null ? snapshot : snapshot(productId, quantity), limits);
      }
      return cart.add(new CartLine(productId, existing.name(), quantity, existing.unitPrice()), limits);
    });
    return new Added(saved, newLine[0]);
  }

  /** Sets a line's quantity; 0 removes the line. */
  public Cart setQuantity(Caller caller, String productId, int quantity) {
    Access.requireAuthenticated(caller);
    requireProductId(productId);
    requireQuantity(quantity, 0);
    return change(caller, store.load(caller.userId()), cart -> cart.withQuantity(productId, quantity, limits));
  }

  public Cart remove(Caller caller, String productId) {
    Access.requireAuthenticated(caller);
    requireProductId(productId);
    return change(caller, store.load(caller.userId()), cart -> cart.without(productId));
  }

  public void clear(Caller caller) {
    Access.requireAuthenticated(caller);
    store.delete(caller.userId());
  }

  /**
   * Takes what an order bought out of its buyer's cart: each product's line loses the ordered
   * quantity, and goes when nothing is left. Products the cart no longer holds are skipped (the
   * shopper removed them meanwhile); a cart that holds none of them is not written at all.
   *
   * @param ordered units per product id
   * @return the cart afterwards
   */
  public Cart removeOrdered(String userId, Map<String, Integer> ordered) {
    Cart current = store.load(userId);
    if (current.withoutOrdered(ordered).equals(current)) {
      return current;
    }
    return change(userId, current, cart -> cart.withoutOrdered(ordered));
  }

  private Cart change(Caller caller, Cart first, UnaryOperator<Cart> change) {
    return change(caller.userId(), first, change);
  }

  private Cart change(String userId, Cart first, UnaryOperator<Cart> change) {
    Cart current = first;
    for (int attempt = 1; ; attempt++) {
      Cart saved = store.save(change.apply(current).touched(clock.instant().truncatedTo(ChronoUnit.MILLIS), ttl));
      if (saved != null) {
        return saved;
      }
      if (attempt == maxAttempts) {
        throw new CartBusyException(maxAttempts);
      }
      current = store.load(userId);
    }
  }

  private CartLine snapshot(String productId, int quantity) {
    ProductSnapshot product = catalog.find(productId)
        .orElseThrow(() -> new ProductUnavailableException("product " + productId + " does not exist"));
    if (!product.active()) {
      throw new ProductUnavailableException("product " + productId + " is no longer for sale");
    }
    return new CartLine(productId, product.name(), quantity, product.price());
  }

  private void requireProductId(String productId) {
    if (productId == null || !productIds.matcher(productId).matches()) {
      throw new CartRuleException(Kind.INVALID_INPUT, "productId", "must be a product id such as "
          + "3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b", "Pattern", Map.of("regexp", productIds.pattern()));
    }
  }

  private void requireQuantity(int quantity, int min) {
    if (quantity < min || quantity > limits.maxQuantity()) {
      throw new CartRuleException(Kind.INVALID_INPUT, "quantity", "must be between " + min + " and "
          + limits.maxQuantity(), "Range", Map.of("min", min, "max", limits.maxQuantity()));
    }
  }
}
