package dev.emporium.shipping.shipment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An item of the order as the customer bought it: what goes into the parcel. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderItem(String productId, String name, int quantity) {}
