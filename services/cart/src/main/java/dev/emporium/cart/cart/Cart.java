package dev.emporium.cart.cart;

import dev.emporium.cart.cart.CartRuleException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user's cart. Immutable: each change returns a new cart, which a {@link CartStore} writes only
 * if the stored cart is still at {@link #version} (the version it was read at; 0 for a cart that
 * is not stored, or has expired).
 *
 * @param lines in the order products were first added
 * @param updatedAt the last change, null for an empty cart never stored
 * @param expiresAt when the cart is dropped unless it changes again, null like updatedAt
 */
public record Cart(String userId, List<CartLine> lines, long version, @Nullable Instant updatedAt,
    @Nullable Instant expiresAt) {

  public Cart {
    Objects.requireNonNull(userId, "userId");
    lines = List.copyOf(lines);
  }

  public static Cart empty(String userId) {
    return new Cart(userId, List.of(), 0, null, null);
  }

  public Optional<CartLine> line(String productId) {
    return lines.stream().filter(line -> line.productId().equals(productId)).findFirst();
  }

  public int itemCount() {
    return lines.stream().mapToInt(CartLine::quantity).sum();
  }

  /** The sum of the lines, or empty for an empty cart (which has no currency). */
  public Optional<Money> total() {
    return lines.stream().map(CartLine::lineTotal).reduce(Money::plus);
  }

  /** Adds {@code quantity} units to the product's line; a new line takes the snapshot {@code line}. */
  public Cart add(CartLine line, CartLimits limits) {
    Optional<CartLine> existing = line(line.productId());
    if (existing.isPresent()) {
      return withQuantity(line.productId(), existing.get().quantity() + line.quantity(), limits);
    }
    if (lines.size() >= limits.maxLines()) {
      throw new CartRuleException(Kind.CART_LIMIT, "productId",
          "the cart already holds " + limits.maxLines() + " different products, the most it may hold", "MaxLines",
          Map.of("max", limits.maxLines()));
    }
    if (!lines.isEmpty() && !lines.getFirst().unitPrice().currency().equals(line.unitPrice().currency())) {
      throw new CartRuleException(Kind.CART_LIMIT, "productId", "the product is priced in "
          + line.unitPrice().currency() + " but the cart holds " + lines.getFirst().unitPrice().currency()
          + " items", "Currency", Map.of("currency", lines.getFirst().unitPrice().currency()));
    }
    requireQuantity(line.quantity(), limits);
    List<CartLine> more = new ArrayList<>(lines);
    more.add(line);
    return new Cart(userId, more, version, updatedAt, expiresAt);
  }

  /** Sets the line's quantity; 0 removes it. */
  public Cart withQuantity(String productId, int quantity, CartLimits limits) {
    CartLine current = line(productId).orElseThrow(() -> new CartLineNotFoundException(productId));
    if (quantity == 0) {
      return without(productId);
    }
    requireQuantity(quantity, limits);
    List<CartLine> changed = lines.stream().map(line -> line == current ? line.withQuantity(quantity) : line).toList();
    return new Cart(userId, changed, version, updatedAt, expiresAt);
  }

  public Cart without(String productId) {
    CartLine current = line(productId).orElseThrow(() -> new CartLineNotFoundException(productId));
    return new Cart(userId, lines.stream().filter(line -> line != current).toList(), version, updatedAt, expiresAt);
  }

  /**
   * The cart less what an order bought: each line of an ordered product (ids compared ignoring
   * case) loses the ordered quantity and goes when nothing is left; other lines stay as they are.
   */
  public Cart withoutOrdered(Map<String, Integer> ordered) {
    Map<String, Integer> byId = new java.util.HashMap<>();
    ordered.forEach((id, quantity) -> byId.merge(id.toLowerCase(java.util.Locale.ROOT), quantity, Integer::sum));
    List<CartLine> left = new ArrayList<>();
    for (CartLine line : lines) {
      int remaining = line.quantity() - byId.getOrDefault(line.productId().toLowerCase(java.util.Locale.ROOT), 0);
      if (remaining > 0) {
        left.add(remaining == line.quantity() ? line : line.withQuantity(remaining));
      }
    }
    return left.equals(lines) ? this : new Cart(userId, left, version, updatedAt, expiresAt);
  }

  /** The cart as it is to be written at {@code now}: it expires {@code ttl} later. */
  public Cart touched(Instant now, Duration ttl) {
    return new Cart(userId, lines, version, now, now.plus(ttl));
  }

  private static void requireQuantity(int quantity, CartLimits limits) {
    if (quantity > limits.maxQuantity()) {
      throw new CartRuleException(Kind.CART_LIMIT, "quantity", "a line holds at most " + limits.maxQuantity()
          + " units; this change would make it " + quantity, "Max", Map.of("max", limits.maxQuantity()));
    }
  }
}
