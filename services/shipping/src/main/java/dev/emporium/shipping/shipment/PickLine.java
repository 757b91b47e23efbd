package dev.emporium.shipping.shipment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Part of the reservation: {@code quantity} units of a product to pick in one warehouse. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PickLine(String productId, String warehouse, int quantity) {}
