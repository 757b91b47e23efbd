package dev.emporium.order.order;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client's request to place an order, as sent (fields may be missing: {@link OrderRules} says
 * which are wrong). Either {@code items} or {@code fromCart}; prices are never the client's.
 */
public record PlaceOrder(@Nullable List<Item> items, @Nullable Boolean fromCart, @Nullable Address shippingAddress,
    @Nullable String paymentMethod) {

  public record Item(@Nullable String productId, @Nullable Integer quantity) {}

  public record Address(@Nullable String name, @Nullable String line1, @Nullable String line2, @Nullable String city,
      @Nullable String postalCode, @Nullable String country) {}

  public boolean isFromCart() {
    return Boolean.TRUE.equals(fromCart);
  }
}
