package dev.emporium.cart.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/cart/items}. The id's format and the quantity's upper limit are
 * settings ({@code emporium.cart.product-id-pattern}, {@code max-quantity}), checked by the cart.
 */
public record AddItemRequest(@NotNull @Size(max = 100) String productId, @NotNull Integer quantity) {}
