package dev.emporium.order.api;

import dev.emporium.order.order.PlaceOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/orders}: {@code items} or {@code fromCart: true}, the address and the
 * payment method. The limits are settings ({@code emporium.order.limits.*}), checked by the order's
 * rules, which name every wrong field.
 */
public record PlaceOrderRequest(@Nullable List<Item> items, @Nullable Boolean fromCart,
    @Nullable Address shippingAddress, @Nullable String paymentMethod) {

  public record Item(@Nullable String productId, @Nullable Integer quantity) {}

  public record Address(@Nullable String name, @Nullable String line1, @Nullable String line2, @Nullable String city,
      @Nullable String postalCode, @Nullable String country) {}

  PlaceOrder toCommand() {
    return new PlaceOrder(items == null ? null
        : items.stream().map(i -> i == null ? null : new PlaceOrder.Item(i.productId(), i.quantity())).toList(),
        fromCart,
        shippingAddress == null ? null : new PlaceOrder.Address(shippingAddress.name(), shippingAddress.line1(),
            shippingAddress.line2(), shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country()),
        paymentMethod);
  }
}
