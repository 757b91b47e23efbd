package dev.emporium.cart.api;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PATCH /api/cart/items/{productId}}: the line's new quantity, 0 to remove it. */
public record ChangeQuantityRequest(@NotNull Integer quantity) {}
