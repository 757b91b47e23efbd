package dev.emporium.messaging.api;

import dev.emporium.messaging.delivery.InvalidMessageException;
import java.util.Map;

/** The {@code limit} query parameter of the listings: 1 to {@code emporium.messaging.max-list-limit}. */
final class ListLimit {

  static final int DEFAULT = 100;

  private ListLimit() {}

  static int check(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new InvalidMessageException("limit", "must be between 1 and " + max, Map.of("min", 1, "max", max));
    }
    return limit;
  }
}
