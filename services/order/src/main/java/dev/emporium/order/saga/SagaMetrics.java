package dev.emporium.order.saga;

import dev.emporium.order.order.Order;
import dev.emporium.order.order.Order.Applied;
import dev.emporium.order.order.OrderStatus;
import dev.emporium.order.order.SagaEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The saga as Prometheus sees it (docs/observability.md): status changes, how long each step took,
 * cancellations by reason and compensations ({@code Orders} counts the orders placed). A change is counted once its
 * transaction commits, so a rolled-back event (redelivered later) is never counted twice.
 *
 * <p>Prometheus names: {@code emporium_order_placed_total}, {@code emporium_order_saga_transitions_total{from,to}},
 * {@code emporium_order_saga_step_seconds{step,outcome}}, {@code emporium_order_saga_duration_seconds{outcome}},
 * {@code emporium_order_cancelled_total{reason,status}}, {@code emporium_order_saga_compensations_total{step}}.
 */
@Component
public class SagaMetrics {

  /** Histogram buckets around the spec's budgets: confirmation under 200 ms, the saga under 5 s, the 2 min step timeout. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5)};

  /** The compensations SagaTranslation reports, published at zero from the start so rates begin at once. */
  static final List<String> COMPENSATIONS = List.of("payment-refunded", "inventory-released", "shipment-cancelled");

  private final MeterRegistry registry;

  SagaMetrics(MeterRegistry registry) {
    this.registry = registry;
    COMPENSATIONS.forEach(this::compensations);
  }

  private Counter compensations(String step) {
    return Counter.builder("emporium.order.saga.compensations")
        .description("Compensations reported for cancelled orders: refunds, releases, cancelled shipments")
        .tag("step", step).register(registry);
  }

  /** Counts what {@code event} did to an order, once the transaction that applied it commits. */
  public void applied(SagaEvent event, Applied applied, Instant now) {
    afterCommit(() -> record(event, applied, now));
  }

  private void record(SagaEvent event, Applied applied, Instant now) {
    if (event instanceof SagaEvent.Compensated compensated) {
      compensations(compensated.step()).increment();
    }
    if (!applied.changedStatus()) {
      return;
    }
    Order before = applied.before();
    Order after = applied.after();
    Counter.builder("emporium.order.saga.transitions").description("Orders moving from one status to another")
        .tag("from", label(before.status())).tag("to", label(after.status())).register(registry).increment();
    String step = switch (event) {
      case SagaEvent.StepSucceeded s -> s.step().name();
      case SagaEvent.StepFailed f -> f.step().name();
      case SagaEvent.TimedOut t -> "TIMEOUT";
      case SagaEvent.Compensated c -> null;
    };
    if (step != null) {
      String outcome = event instanceof SagaEvent.StepSucceeded ? "succeeded"
          : event instanceof SagaEvent.StepFailed ? "failed" : "timed-out";
      Timer.builder("emporium.order.saga.step")
          .description("Time an order waited in its status for the step that moved it on")
          .tag("step", step.toLowerCase(Locale.ROOT)).tag("outcome", outcome)
          .serviceLevelObjectives(BUCKETS).register(registry)
          .record(nonNegative(Duration.between(before.statusSince(), now)));
    }
    if (after.status().isTerminal()) {
      Timer.builder("emporium.order.saga.duration")
          .description("Time from placing an order to its completion or cancellation")
          .tag("outcome", label(after.status()))
          .serviceLevelObjectives(BUCKETS).register(registry)
          .record(nonNegative(Duration.between(before.createdAt(), now)));
    }
    if (after.status() == OrderStatus.CANCELLED && after.cancellationReason() != null) {
      Counter.builder("emporium.order.cancelled")
          .description("Orders cancelled, by reason and by the status they were in (PAID or RESERVED: compensation follows)")
          .tag("reason", after.cancellationReason().code()).tag("status", label(before.status()))
          .register(registry).increment();
    }
  }

  private static String label(OrderStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }
}
