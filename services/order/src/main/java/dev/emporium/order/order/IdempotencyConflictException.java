package dev.emporium.order.order;

/** The caller used an {@code Idempotency-Key} again with a different request (422). */
public class IdempotencyConflictException extends RuntimeException {

  public IdempotencyConflictException(String key) {
    super("Idempotency-Key " + key + " was already used for a different order request; use a new key for a new order");
  }
}
