package dev.emporium.order.cart;

/** A product and quantity in the caller's cart: what a {@code fromCart} order asks for (prices come from the catalogue). */
public record CartLine(String productId, int quantity) {}
