package dev.emporium.analytics.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The hours a report covers: [from, to), both on whole UTC hours. The aggregates are hourly, so a
 * requested range is widened to the hours it touches ({@code from} down, {@code to} up) and the
 * report says which range it answered.
 */
public record TimeRange(Instant from, Instant to) {

  public static final String EXAMPLE = "2026-12-03T10:00:00Z";

  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /**
   * The range of the {@code from} and {@code to} query parameters: ISO-8601 date-times with an
   * offset, from before to, at most {@code maxRange} apart.
   *
   * @throws InvalidParameterException naming the parameter that breaks a rule
   */
  public static TimeRange parse(@Nullable String from, @Nullable String to, Duration maxRange) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (!start.isBefore(end)) {
      throw new InvalidParameterException("to", "must be after from", "After", Map.of("after", start.toString()));
    }
    if (Duration.between(start, end).compareTo(maxRange) > 0) {
      throw new InvalidParameterException("to", "must be at most " + maxRange + " after from", "MaxRange",
          Map.of("max", maxRange.toString()));
    }
    Instant hourFrom = start.truncatedTo(ChronoUnit.HOURS);
    Instant hourTo = end.truncatedTo(ChronoUnit.HOURS);
    return new TimeRange(hourFrom, hourTo.equals(end) ? end : hourTo.plus(1, ChronoUnit.HOURS));
  }

  /** Every hour of the range, in order. */
  public Stream<Instant> hours() {
    return Stream.iterate(from, hour -> hour.isBefore(to), hour -> hour.plus(1, ChronoUnit.HOURS));
  }

  private static Instant instant(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidParameterException(field, "is required: an ISO-8601 date-time such as " + EXAMPLE,
          "NotBlank", Map.of());
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(field, "must be an ISO-8601 date-time with an offset, such as " + EXAMPLE,
          "DateTime", Map.of());
    }
  }
}
