package dev.emporium.analytics.ingest;

import dev.emporium.analytics.persistence.HourlyRepository;
import dev.emporium.analytics.persistence.OrderFactsRepository;
import dev.emporium.analytics.persistence.RevenueRepository;
import dev.emporium.analytics.persistence.SkippedEventsRepository;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns saga events into the aggregates. A fact is recorded first (an order's step, a payment, a
 * refund) and the hourly aggregate grows only when the fact is new, in the same transaction: an
 * event that arrives twice, or a replay under a new event id, counts once.
 */
@Service
public class Recorder {

  private final OrderFactsRepository orders;
  private final RevenueRepository revenue;
  private final HourlyRepository hourly;
  private final SkippedEventsRepository skipped;

  Recorder(OrderFactsRepository orders, RevenueRepository revenue, HourlyRepository hourly,
      SkippedEventsRepository skipped) {
    this.orders = orders;
    this.revenue = revenue;
    this.hourly = hourly;
    this.skipped = skipped;
  }

  /** An order reached a step of the funnel; a created order also counts in its hour. */
  @Transactional
  public boolean step(String orderId, SagaStep step, Instant at) {
    if (step == SagaStep.CANCELLED) {
      throw new IllegalArgumentException("a cancellation has a reason: use cancelled()");
    }
    boolean first = orders.reach(orderId, step, at, null);
    if (first && step == SagaStep.CREATED) {
      hourly.addOrder(at);
    }
    return first;
  }

  /** A charge was captured: revenue in its hour and currency; the order counts as paid. */
  @Transactional
  public boolean paid(String orderId, String paymentId, BigDecimal amount, String currency, Instant at) {
    orders.reach(orderId, SagaStep.PAID, at, null);
    boolean first = revenue.recordPayment(paymentId, orderId, amount, currency, at);
    if (first) {
      hourly.addPayment(at, currency, amount);
    }
    return first;
  }

  /** A charge was refunded: it is taken off the revenue of the refund's hour, in its currency. */
  @Transactional
  public boolean refunded(String orderId, String paymentId, BigDecimal amount, String currency, Instant at) {
    boolean first = revenue.recordRefund(paymentId, orderId, amount, currency, at);
    if (first) {
      hourly.addRefund(at, currency, amount);
    }
    return first;
  }

  /** The order was cancelled: its first cancellation counts, under its reason. */
  @Transactional
  public boolean cancelled(String orderId, String reason, Instant at) {
    boolean first = orders.reach(orderId, SagaStep.CANCELLED, at, reason);
    if (first) {
      hourly.addCancellation(at, reason);
    }
    return first;
  }

  /** An event of a type the service does not know arrived: counted, nothing else. */
  @Transactional
  public void skipped(String topic, String type, Instant at) {
    skipped.count(topic, type, at);
  }
}
