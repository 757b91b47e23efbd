package dev.emporium.order.saga;

import dev.emporium.order.OrderProperties;
import dev.emporium.order.events.OrderEvents;
import dev.emporium.order.order.Order;
import dev.emporium.order.order.Order.Applied;
import dev.emporium.order.order.SagaEvent;
import dev.emporium.order.order.SagaEvent.StepFailed;
import dev.emporium.order.order.TimelineEntry;
import dev.emporium.order.persistence.OrderRepository;
import dev.emporium.platform.events.envelope.MalformedEventException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order's side of the saga: applies what other services report (and the step timeout) to the
 * order, and publishes OrderCompleted or OrderCancelled in the same transaction as the change. The
 * order's row is locked first, so the events of one order arriving on three topics at once are
 * applied one after the other. What an event does is the order's decision ({@link Order#apply}).
 */
@Service
public class OrderSaga {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

  private final OrderRepository orders;
  private final OrderEvents events;
  private final OrderProperties.Saga settings;
  private final SagaMetrics metrics;
  private final Clock clock;

  @Autowired
  OrderSaga(OrderRepository orders, OrderEvents events, OrderProperties properties, SagaMetrics metrics) {
    this(orders, events, properties, metrics, Clock.systemUTC());
  }

  OrderSaga(OrderRepository orders, OrderEvents events, OrderProperties properties, SagaMetrics metrics, Clock clock) {
    this.orders = orders;
    this.events = events;
    this.settings = properties.saga();
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Applies {@code event} to the order, in the caller's transaction (the inbox's, for events).
   *
   * @throws MalformedEventException when no such order exists: saga events follow OrderCreated,
   *     which is published only after the order committed, so the event belongs elsewhere
   */
  @Transactional
  public Applied apply(UUID orderId, SagaEvent event) {
    Order order = orders.lock(orderId).orElseThrow(() -> new MalformedEventException(
        "a saga event names order " + orderId + ", which this service does not know", null));
    return record(order, event);
  }

  /**
   * Cancels up to {@code sweep-batch-size} orders that have stayed in PENDING, PAID or RESERVED for
   * longer than the step timeout, skipping those another instance or a saga event holds.
   *
   * @return how many were cancelled
   */
  @Transactional
  public int cancelTimedOut() {
    Instant now = now();
    Duration timeout = settings.stepTimeout();
    List<Order> stuck = orders.lockStuck(now.minus(timeout), settings.sweepBatchSize());
    for (Order order : stuck) {
      record(order, new SagaEvent.TimedOut(now, "no progress for " + timeout.toSeconds() + " s in " + order.status()));
    }
    return stuck.size();
  }

  public int sweepBatchSize() {
    return settings.sweepBatchSize();
  }

  private Applied record(Order order, SagaEvent event) {
    Instant now = now();
    Applied applied = order.apply(event, now);
    metrics.applied(event, applied, now);
    if (applied.changedStatus()) {
      orders.update(applied.after());
    }
    orders.addTimeline(order.id(), applied.entries());
    if (applied.completed()) {
      events.completed(applied.after());
    } else if (applied.cancelled()) {
      String detail = event instanceof StepFailed failed ? failed.detail()
          : applied.entries().getLast().detail();
      events.cancelled(applied.after(), order.status(), detail);
    }
    if (applied.entries().stream().anyMatch(TimelineEntry::ignored)) {
      log.info("order {} is {}: {} changed nothing", order.id(), order.status(), event.getClass().getSimpleName());
    } else if (applied.changedStatus()) {
      log.info("order {}: {} -> {}", order.id(), order.status(), applied.after().status());
    }
    return applied;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
