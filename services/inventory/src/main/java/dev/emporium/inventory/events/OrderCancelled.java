package dev.emporium.inventory.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The inventory service's copy of the order service's {@code OrderCancelled} data: what it reads of it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCancelled(String orderId, String reason) {}
