package dev.emporium.order.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a user's orders ended: (createdAt, id) of its last order, and whose orders they
 * are, so that a cursor cannot be replayed against another user's list. Opaque base64url to clients.
 */
record PageCursor(String userId, Instant createdAt, UUID id) {

  private static final char SEPARATOR = '\u001f';

  String encode() {
    String raw = "v1" + SEPARATOR + createdAt.getEpochSecond() + SEPARATOR + createdAt.getNano() + SEPARATOR + id
        + SEPARATOR + userId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws InvalidOrderException naming {@code cursor} when it is not one of this list's cursors */
  static PageCursor decode(String encoded, String userId) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)
          .split(String.valueOf(SEPARATOR), 5);
      if (parts.length != 5 || !parts[0].equals("v1") || !parts[4].equals(userId)) {
        throw invalid();
      }
      return new PageCursor(parts[4], Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
          UUID.fromString(parts[3]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static InvalidOrderException invalid() {
    return new InvalidOrderException(java.util.List.of(new Violation("cursor",
        "is not a cursor of this list: use the nextCursor of a previous page of the same list", "Cursor",
        java.util.Map.of())));
  }
}
