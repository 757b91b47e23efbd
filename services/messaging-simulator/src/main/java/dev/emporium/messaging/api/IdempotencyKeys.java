package dev.emporium.messaging.api;

import dev.emporium.messaging.delivery.InvalidMessageException;
import dev.emporium.messaging.idempotency.IdempotencyStore;
import dev.emporium.messaging.idempotency.StoredResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;

/** The {@code Idempotency-Key} header: required on every POST, and what turns a stored outcome into a response. */
final class IdempotencyKeys {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";

  private final int maxLength;

  IdempotencyKeys(int maxLength) {
    this.maxLength = maxLength;
  }

  /** Answers the remembered response for a retry, or {@code action}'s for a new key. */
  ResponseEntity<Object> answer(IdempotencyStore store, String key, Object request, Supplier<StoredResponse> action) {
    IdempotencyStore.Outcome outcome = store.execute(key, request, action);
    StoredResponse response = outcome.response();
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status());
    if (outcome.replayed()) {
      builder.header(REPLAYED, "true");
    }
    return builder.body(response.body());
  }

  /** The key as given, or a 400 naming the header. */
  String check(String key) {
    if (key == null || key.isBlank()) {
      throw new InvalidMessageException(HEADER, "is required: a unique key per message, the same on every retry", Map.of());
    }
    if (key.length() > maxLength) {
      throw new InvalidMessageException(HEADER, "must be at most " + maxLength + " characters", Map.of("max", maxLength));
    }
    if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new InvalidMessageException(HEADER, "must be printable ASCII without spaces", Map.of());
    }
    return key;
  }
}
