package dev.emporium.messaging.delivery;

import java.time.Instant;

/** A text message the SMS API delivered, under the idempotency key it was sent with. */
public record Sms(String id, String to, String body, String idempotencyKey, Instant deliveredAt) {}
