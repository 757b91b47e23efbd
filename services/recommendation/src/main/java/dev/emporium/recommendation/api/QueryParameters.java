package dev.emporium.recommendation.api;

import dev.emporium.platform.service.problem.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the recommendation endpoints' query parameters from their raw text, collecting every broken
 * rule, so that a bad request gets one validation problem naming each parameter and its limits
 * (never echoing the value). The limit's range is a setting, hence checked here rather than by
 * annotations.
 */
final class QueryParameters {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int MAX_CATEGORY_LENGTH = 64;

  private final List<FieldViolation> violations = new ArrayList<>();

  int limit(@Nullable String value, int defaultLimit, int maxLimit) {
    if (value == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= maxLimit) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, like a number out of range
    }
    violations.add(new FieldViolation("limit", "must be an integer between 1 and " + maxLimit, "Range",
        Map.of("min", 1, "max", maxLimit)));
    return defaultLimit;
  }

  @Nullable UUID productId(@Nullable String value) {
    if (value == null) {
      return null;
    }
    if (!UUID_TEXT.matcher(value).matches()) {
      violations.add(new FieldViolation("productId", "must be a UUID", "UUID", Map.of()));
      return null;
    }
    return UUID.fromString(value);
  }

  @Nullable String category(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_CATEGORY_LENGTH || !SLUG.matcher(value).matches()) {
      violations.add(new FieldViolation("category",
          "must be a slug such as 'home-office' of at most " + MAX_CATEGORY_LENGTH + " characters", "Pattern",
          Map.of("regexp", SLUG.pattern(), "max", MAX_CATEGORY_LENGTH)));
      return null;
    }
    return value;
  }

  /** @throws InvalidParametersException when any parameter read so far was invalid */
  void requireValid() {
    if (!violations.isEmpty()) {
      throw new InvalidParametersException(violations);
    }
  }
}
