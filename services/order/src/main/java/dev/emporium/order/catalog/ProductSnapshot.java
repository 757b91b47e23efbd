package dev.emporium.order.catalog;

import dev.emporium.order.order.Money;

/** A product as the catalogue describes it now; {@code active} false means withdrawn from sale. */
public record ProductSnapshot(String id, String name, Money price, boolean active) {}
