package dev.emporium.payment.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The payment service's copy of the order service's {@code OrderCancelled} data: what it reads of it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCancelled(String orderId, String userId, String reason) {}
