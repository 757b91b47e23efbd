package dev.emporium.shipping.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The shipping service's copy of the order service's {@code OrderCancelled} data: what it reads of it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderCancelled(String orderId, String userId, String reason, Instant occurredAt) {}
