package dev.emporium.order.order;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One step on an order's timeline ({@code created}, {@code payment-processed}, ... docs/events.md).
 *
 * @param at when the step happened (the event's {@code occurredAt}), not when it was read
 * @param ignored true for an event that arrived too late to change anything (the order was already
 *     COMPLETED or CANCELLED, or the step had already been decided): it is kept for the record
 */
public record TimelineEntry(String step, Instant at, @Nullable String detail, boolean ignored) {

  /** Details are short explanations; a producer's long text is cut to this many characters. */
  public static final int MAX_DETAIL_LENGTH = 500;

  public TimelineEntry {
    if (detail != null && detail.length() > MAX_DETAIL_LENGTH) {
      detail = detail.substring(0, MAX_DETAIL_LENGTH);
    }
  }

  public static TimelineEntry of(String step, Instant at, @Nullable String detail) {
    return new TimelineEntry(step, at, detail, false);
  }
}
