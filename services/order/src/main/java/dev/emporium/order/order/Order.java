package dev.emporium.order.order;

import dev.emporium.order.order.SagaEvent.Compensated;
import dev.emporium.order.order.SagaEvent.StepFailed;
import dev.emporium.order.order.SagaEvent.StepSucceeded;
import dev.emporium.order.order.SagaEvent.TimedOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order: what was bought at which prices, where it goes, and where it is in its saga. Immutable;
 * {@link #apply} returns the order a saga event makes of it, with the timeline entries to add. The
 * rules of the saga (which event moves the order where, what is ignored) live here and only here.
 *
 * @param statusSince when the order entered its status: the step timeout counts from here
 */
public record Order(UUID id, String userId, OrderStatus status, List<OrderLine> lines, Money total,
    ShippingAddress shippingAddress, String paymentMethod, boolean fromCart, @Nullable String trackingNumber,
    @Nullable CancellationReason cancellationReason, Instant createdAt, Instant updatedAt, Instant statusSince) {

  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(status, "status");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one line");
    }
    if ((status == OrderStatus.CANCELLED) != (cancellationReason != null)) {
      throw new IllegalArgumentException("a cancelled order, and only a cancelled one, has a reason");
    }
  }

  /**
   * A new order in PENDING.
   *
   * @throws MixedCurrenciesException when the lines are priced in more than one currency
   */
  public static Order place(UUID id, String userId, List<OrderLine> lines, ShippingAddress address,
      String paymentMethod, boolean fromCart, Instant now) {
    String currency = lines.getFirst().unitPrice().currency();
    List<String> currencies = lines.stream().map(l -> l.unitPrice().currency()).distinct().toList();
    if (currencies.size() > 1) {
      throw new MixedCurrenciesException(currencies);
    }
    Money total = lines.stream().map(OrderLine::lineTotal).reduce(Money::plus)
        .orElse(new Money(java.math.BigDecimal.ZERO, currency));
    return new Order(id, userId, OrderStatus.PENDING, lines, total, address, paymentMethod, fromCart, null, null,
        now, now, now);
  }

  /** The first entry of every order's timeline. */
  public TimelineEntry createdEntry() {
    int units = lines.stream().mapToInt(OrderLine::quantity).sum();
    return TimelineEntry.of("created", createdAt, lines.size() + (lines.size() == 1 ? " line, " : " lines, ") + units
        + (units == 1 ? " unit, " : " units, ") + "total " + total);
  }

  /** The outcome of an event: the order after it (maybe unchanged) and what its timeline gains. */
  public record Applied(Order before, Order after, List<TimelineEntry> entries) {

    public boolean changedStatus() {
      return before.status() != after.status();
    }

    public boolean cancelled() {
      return changedStatus() && after.status() == OrderStatus.CANCELLED;
    }

    public boolean completed() {
      return changedStatus() && after.status() == OrderStatus.COMPLETED;
    }
  }

  /**
   * What {@code event}, read at {@code now}, makes of this order:
   * <ul>
   *   <li>on a COMPLETED or CANCELLED order nothing changes; the event lands on the timeline as ignored;
   *   <li>a step's success moves the order to that step's status, also past steps whose events
   *       have not arrived yet; the success of a step the order has already passed (its event was
   *       overtaken) is only recorded;
   *   <li>a step's failure cancels the order, unless the order has already passed that step (the
   *       step's outcome was decided by an earlier event): then it is ignored;
   *   <li>a compensation is recorded, whatever the status;
   *   <li>a timeout cancels the order.
   * </ul>
   */
  public Applied apply(SagaEvent event, Instant now) {
    List<TimelineEntry> entries = new ArrayList<>();
    Order after = this;
    switch (event) {
      case Compensated c -> entries.add(TimelineEntry.of(c.step(), c.at(), c.detail()));
      case StepSucceeded s when status.isTerminal() -> entries.add(ignored(s.step().succeededStep(), s.at(), s.detail()));
      case StepSucceeded s when status.hasReached(s.step().reaches()) -> entries.add(TimelineEntry.of(
          s.step().succeededStep(), s.at(), join(s.detail(), "recorded after the order had reached " + status)));
      case StepSucceeded s -> {
        entries.add(TimelineEntry.of(s.step().succeededStep(), s.at(), s.detail()));
        after = moveTo(s.step().reaches(), now, s.trackingNumber(), null);
        if (after.status == OrderStatus.COMPLETED) {
          entries.add(TimelineEntry.of("completed", s.at(),
              after.trackingNumber == null ? null : "tracking number " + after.trackingNumber));
        }
      }
      case StepFailed f when status.isTerminal() -> entries.add(ignored(f.step().failedStep(), f.at(), f.detail()));
      case StepFailed f when status.hasReached(f.step().reaches()) -> entries.add(new TimelineEntry(
          f.step().failedStep(), f.at(), join(f.detail(), "ignored: that step had already succeeded"), true));
      case StepFailed f -> {
        entries.add(TimelineEntry.of(f.step().failedStep(), f.at(), f.detail()));
        after = moveTo(OrderStatus.CANCELLED, now, null, f.reason());
        entries.add(TimelineEntry.of("cancelled", f.at(), f.reason().code()));
      }
      case TimedOut t when status.isTerminal() -> { }
      case TimedOut t -> {
        after = moveTo(OrderStatus.CANCELLED, now, null, CancellationReason.TIMEOUT);
        entries.add(TimelineEntry.of("cancelled", t.at(), join(CancellationReason.TIMEOUT.code(), t.detail())));
      }
    }
    return new Applied(this, after, entries);
  }

  private Order moveTo(OrderStatus next, Instant now, @Nullable String tracking, @Nullable CancellationReason reason) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException("order " + id + " cannot go from " + status + " to " + next);
    }
    return new Order(id, userId, next, lines, total, shippingAddress, paymentMethod, fromCart,
        tracking != null ? tracking : trackingNumber, reason, createdAt, now, now);
  }

  private TimelineEntry ignored(String step, Instant at, @Nullable String detail) {
    return new TimelineEntry(step, at, join(detail, "ignored: the order is already " + status), true);
  }

  private static String join(@Nullable String detail, String note) {
    return detail == null || detail.isBlank() ? note : detail + "; " + note;
  }
}
