package dev.emporium.notification.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a user is to be told about one saga event: the facts its templates need, copied from the
 * event so that a job can be delivered (and retried) without the event. Which optional fields are
 * set depends on the kind: {@code total} and {@code lines} for an order, {@code total} for a payment,
 * {@code trackingNumber} and {@code carrier} for a shipment, {@code reason} for a cancellation.
 *
 * @param eventId the CloudEvents id the notice came from
 * @param source the CloudEvents source
 */
public record Notice(String eventId, String source, NoticeKind kind, String userId, String orderId,
    @Nullable Money total, List<Line> lines, @Nullable String trackingNumber, @Nullable String carrier,
    @Nullable String reason, @Nullable String detail, @Nullable String previousStatus, Instant occurredAt) {

  public Notice {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  /** An amount of money, as the saga's events carry it. */
  public record Money(BigDecimal amount, String currency) {}

  /** One line of an order. */
  public record Line(String name, int quantity, @Nullable Money unitPrice) {}
}
