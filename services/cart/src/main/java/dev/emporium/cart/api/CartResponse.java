package dev.emporium.cart.api;

import dev.emporium.cart.cart.Cart;
import dev.emporium.cart.cart.CartLine;
import dev.emporium.cart.cart.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A cart as the API shows it. {@code total} is null for an empty cart (it has no currency);
 * {@code updatedAt} and {@code expiresAt} are null for a cart never written or expired.
 */
public record CartResponse(List<Item> items, @Nullable Price total, int itemCount, @Nullable Instant updatedAt,
    @Nullable Instant expiresAt) {

  public record Price(BigDecimal amount, String currency) {
    static Price of(Money money) {
      return new Price(money.amount(), money.currency());
    }
  }

  public record Item(String productId, String name, int quantity, Price unitPrice, Price lineTotal) {
    static Item of(CartLine line) {
      return new Item(line.productId(), line.name(), line.quantity(), Price.of(line.unitPrice()),
          Price.of(line.lineTotal()));
    }
  }

  static CartResponse of(Cart cart) {
    return new CartResponse(cart.lines().stream().map(Item::of).toList(), cart.total().map(Price::of).orElse(null),
        cart.itemCount(), cart.updatedAt(), cart.expiresAt());
  }
}
