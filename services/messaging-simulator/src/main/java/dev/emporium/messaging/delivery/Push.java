package dev.emporium.messaging.delivery;

import java.time.Instant;

/** A push notification the push API delivered to a user's devices, under its idempotency key. */
public record Push(String id, String userId, String title, String body, String idempotencyKey, Instant deliveredAt) {}
