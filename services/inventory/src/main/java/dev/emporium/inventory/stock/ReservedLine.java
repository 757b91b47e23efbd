package dev.emporium.inventory.stock;

import java.util.UUID;

/** Part of a reservation: {@code quantity} units of a product taken from one warehouse. */
public record ReservedLine(UUID productId, String warehouse, int quantity) {}
