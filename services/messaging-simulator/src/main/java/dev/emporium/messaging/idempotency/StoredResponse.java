package dev.emporium.messaging.idempotency;

/** A response as an idempotency key remembers it, to be answered again as it was. */
public record StoredResponse(int status, Object body) {}
