package dev.emporium.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.order.order.CancellationReason;
import dev.emporium.order.order.Money;
import dev.emporium.order.order.Order;
import dev.emporium.order.order.OrderLine;
import dev.emporium.order.order.SagaEvent;
import dev.emporium.order.order.SagaStep;
import dev.emporium.order.order.ShippingAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SagaMetricsTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final SagaMetrics metrics = new SagaMetrics(registry);

  static Order pending() {
    return Order.place(UUID.randomUUID(), "u-1",
        List.of(new OrderLine("p-1", "Kettle", 1, new Money(new BigDecimal("19.90"), "EUR"))),
        new ShippingAddress("Ada", "1 Row", null, "London", "N1", "GB"), "tok_visa", false, T0);
  }

  private Order apply(Order order, SagaEvent event, Instant now) {
    Order.Applied applied = order.apply(event, now);
    metrics.applied(event, applied, now);
    return applied.after();
  }

  @Test
  void countsEachStatusChangeAndTimesTheStepThatCausedIt() {
    Order paid = apply(pending(), new SagaEvent.StepSucceeded(SagaStep.PAYMENT, T0, null, null), T0.plusMillis(300));

    assertThat(registry.get("emporium.order.saga.transitions").tags("from", "pending", "to", "paid").counter().count())
        .isEqualTo(1.0);
    var step = registry.get("emporium.order.saga.step").tags("step", "payment", "outcome", "succeeded").timer();
    assertThat(step.count()).isEqualTo(1);
    assertThat(step.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300.0);
    assertThat(paid.status().name()).isEqualTo("PAID");
  }

  @Test
  void countsACancellationByReasonAndTheStatusItInterrupted() {
    Order paid = apply(pending(), new SagaEvent.StepSucceeded(SagaStep.PAYMENT, T0, null, null), T0.plusSeconds(1));
    apply(paid, new SagaEvent.StepFailed(SagaStep.INVENTORY, T0, CancellationReason.INSUFFICIENT_STOCK, "short"),
        T0.plusSeconds(3));

    assertThat(registry.get("emporium.order.cancelled").tags("reason", "insufficient-stock", "status", "paid")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("emporium.order.saga.step").tags("step", "inventory", "outcome", "failed").timer()
        .totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
    assertThat(registry.get("emporium.order.saga.duration").tags("outcome", "cancelled").timer()
        .totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
  }

  @Test
  void countsTimeoutsAsTheirOwnStepAndReason() {
    apply(pending(), new SagaEvent.TimedOut(T0, "no progress"), T0.plusSeconds(120));

    assertThat(registry.get("emporium.order.cancelled").tags("reason", "timeout", "status", "pending").counter()
        .count()).isEqualTo(1.0);
    assertThat(registry.get("emporium.order.saga.step").tags("step", "timeout", "outcome", "timed-out").timer()
        .count()).isEqualTo(1);
  }

  @Test
  void publishesEveryKnownCompensationAtZeroBeforeAnyHappens() {
    assertThat(registry.get("emporium.order.saga.compensations").counters()).extracting(c -> c.getId().getTag("step"))
        .containsExactlyInAnyOrder("payment-refunded", "inventory-released", "shipment-cancelled");
    assertThat(registry.get("emporium.order.saga.compensations").counters()).allMatch(c -> c.count() == 0.0);
  }

  @Test
  void countsCompensationsButNotEventsThatChangeNothing() {
    Order cancelled = apply(pending(), new SagaEvent.StepFailed(SagaStep.PAYMENT, T0,
        CancellationReason.PAYMENT_DECLINED, "declined"), T0.plusSeconds(1));
    apply(cancelled, new SagaEvent.Compensated("payment-refunded", T0, "refund"), T0.plusSeconds(2));
    apply(cancelled, new SagaEvent.StepSucceeded(SagaStep.SHIPMENT, T0, null, "T-1"), T0.plusSeconds(3));

    assertThat(registry.get("emporium.order.saga.compensations").tags("step", "payment-refunded").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("emporium.order.saga.transitions").counters()).hasSize(1);
    assertThat(registry.find("emporium.order.saga.step").tags("step", "shipment").timer()).isNull();
  }
}
