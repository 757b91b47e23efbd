package dev.emporium.messaging.idempotency;

/** The key was used before with another request: answering either would be wrong. */
public class IdempotencyConflictException extends RuntimeException {

  public IdempotencyConflictException(String key) {
    super("Idempotency-Key '" + key + "' was already used with a different request");
  }
}
