package dev.emporium.inventory.stock;

import java.util.UUID;

/** Why an order could not be reserved: a product of which fewer units are available than requested. */
public record Shortage(UUID productId, long requested, long available) {}
