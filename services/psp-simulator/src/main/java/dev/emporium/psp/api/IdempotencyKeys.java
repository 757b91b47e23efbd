package dev.emporium.psp.api;

import dev.emporium.platform.service.problem.FieldViolation;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import dev.emporium.psp.idempotency.IdempotencyStore;
import dev.emporium.psp.idempotency.StoredResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The {@code Idempotency-Key} header: required on every POST, and what turns a stored outcome into a response. */
final class IdempotencyKeys {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";

  private final IdempotencyStore store;
  private final int maxLength;

  IdempotencyKeys(IdempotencyStore store, int maxLength) {
    this.store = store;
    this.maxLength = maxLength;
  }

  /** Answers the remembered response for a retry, or {@code action}'s for a new key. */
  ResponseEntity<Object> answer(String key, Object request, Supplier<StoredResponse> action) {
    IdempotencyStore.Outcome outcome = store.execute(check(key), request, action);
    StoredResponse response = outcome.response();
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status());
    if (response.location() != null) {
      builder.location(URI.create(response.location()));
    }
    if (outcome.replayed()) {
      builder.header(REPLAYED, "true");
    }
    return builder.body(response.body());
  }

  private String check(String key) {
    if (key == null || key.isBlank()) {
      throw invalid("is required: a unique key per charge or refund, the same on every retry", Map.of());
    }
    if (key.length() > maxLength) {
      throw invalid("must be at most " + maxLength + " characters", Map.of("max", maxLength));
    }
    if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw invalid("must be printable ASCII without spaces", Map.of());
    }
    return key;
  }

  private static ProblemException invalid(String message, Map<String, Object> limits) {
    return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION, "1 field is invalid: " + HEADER,
        Map.of("errors", List.of(new FieldViolation(HEADER, message, "IdempotencyKey", limits))), HttpHeaders.EMPTY);
  }
}
