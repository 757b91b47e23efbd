package dev.emporium.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.order.order.SagaEvent.Compensated;
import dev.emporium.order.order.SagaEvent.StepFailed;
import dev.emporium.order.order.SagaEvent.StepSucceeded;
import dev.emporium.order.order.SagaEvent.TimedOut;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant T1 = T0.plusSeconds(1);
  static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "1 Row", null, "London", "N1", "GB");

  static Order pending() {
    return Order.place(UUID.randomUUID(), "u-1", List.of(
        new OrderLine(UUID.randomUUID().toString(), "Kettle", 2, new Money(new BigDecimal("19.90"), "EUR")),
        new OrderLine(UUID.randomUUID().toString(), "Mug", 3, new Money(new BigDecimal("0.10"), "EUR"))),
        ADDRESS, "tok_visa", false, T0);
  }

  static StepSucceeded success(SagaStep step) {
    return new StepSucceeded(step, T1, null, step == SagaStep.SHIPMENT ? "TRACK-1" : null);
  }

  @Test
  void totalIsTheExactSumOfTheLines() {
    assertThat(pending().total()).isEqualTo(new Money(new BigDecimal("40.10"), "EUR"));
  }

  @Test
  void refusesLinesInSeveralCurrencies() {
    List<OrderLine> lines = List.of(new OrderLine("a", "A", 1, new Money(BigDecimal.ONE, "EUR")),
        new OrderLine("b", "B", 1, new Money(BigDecimal.ONE, "USD")));

    assertThatThrownBy(() -> Order.place(UUID.randomUUID(), "u", lines, ADDRESS, "tok", false, T0))
        .isInstanceOf(MixedCurrenciesException.class).hasMessageContaining("EUR, USD");
  }

  @Test
  void happyPathGoesPendingPaidReservedCompleted() {
    Order order = pending();
    order = order.apply(success(SagaStep.PAYMENT), T1).after();
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    order = order.apply(success(SagaStep.INVENTORY), T1).after();
    assertThat(order.status()).isEqualTo(OrderStatus.RESERVED);

    Order.Applied shipped = order.apply(success(SagaStep.SHIPMENT), T1);

    assertThat(shipped.completed()).isTrue();
    assertThat(shipped.after().trackingNumber()).isEqualTo("TRACK-1");
    assertThat(shipped.entries()).extracting(TimelineEntry::step).containsExactly("shipment-created", "completed");
  }

  @Test
  void aLaterStepsSuccessMovesPastTheStepWhoseEventIsLateWhichIsThenOnlyRecorded() {
    Order.Applied reserved = pending().apply(success(SagaStep.INVENTORY), T1);
    assertThat(reserved.after().status()).isEqualTo(OrderStatus.RESERVED);

    Order.Applied latePayment = reserved.after().apply(success(SagaStep.PAYMENT), T1);

    assertThat(latePayment.changedStatus()).isFalse();
    assertThat(latePayment.entries()).singleElement().satisfies(e -> {
      assertThat(e.step()).isEqualTo("payment-processed");
      assertThat(e.ignored()).isFalse();
      assertThat(e.detail()).contains("recorded after the order had reached RESERVED");
    });
  }

  @Test
  void aFailureCancelsWithItsReasonAndRemembersNothingElse() {
    Order.Applied applied = pending().apply(success(SagaStep.PAYMENT), T1).after()
        .apply(new StepFailed(SagaStep.INVENTORY, T1, CancellationReason.INSUFFICIENT_STOCK, "short"), T1);

    assertThat(applied.cancelled()).isTrue();
    assertThat(applied.before().status()).isEqualTo(OrderStatus.PAID);
    assertThat(applied.after().cancellationReason()).isEqualTo(CancellationReason.INSUFFICIENT_STOCK);
    assertThat(applied.entries()).extracting(TimelineEntry::step).containsExactly("inventory-insufficient", "cancelled");
  }

  @Test
  void aFailureOfAStepAlreadyPassedIsIgnored() {
    Order reserved = pending().apply(success(SagaStep.INVENTORY), T1).after();

    Order.Applied applied = reserved.apply(
        new StepFailed(SagaStep.PAYMENT, T1, CancellationReason.PAYMENT_FAILED, null), T1);

    assertThat(applied.changedStatus()).isFalse();
    assertThat(applied.entries()).singleElement().satisfies(e -> assertThat(e.ignored()).isTrue());
  }

  @Test
  void finalOrdersIgnoreEveryLateStepButRecordIt() {
    Order cancelled = pending().apply(new TimedOut(T1, "stuck"), T1).after();
    Order completed = pending().apply(success(SagaStep.SHIPMENT), T1).after();

    for (Order order : List.of(cancelled, completed)) {
      for (SagaEvent late : List.<SagaEvent>of(success(SagaStep.PAYMENT), success(SagaStep.SHIPMENT),
          new StepFailed(SagaStep.SHIPMENT, T1, CancellationReason.SHIPMENT_FAILED, null))) {
        Order.Applied applied = order.apply(late, T1);
        assertThat(applied.after()).isEqualTo(order);
        assertThat(applied.entries()).singleElement().satisfies(e -> {
          assertThat(e.ignored()).isTrue();
          assertThat(e.detail()).contains("ignored: the order is already " + order.status());
        });
      }
    }
  }

  @Test
  void compensationsAreRecordedWhateverTheStatus() {
    Order cancelled = pending().apply(new TimedOut(T1, "stuck"), T1).after();

    Order.Applied applied = cancelled.apply(new Compensated("payment-refunded", T1, "refund"), T1);

    assertThat(applied.after()).isEqualTo(cancelled);
    assertThat(applied.entries()).singleElement().satisfies(e -> assertThat(e.ignored()).isFalse());
  }

  @Test
  void aTimeoutCancelsAnOrderInFlightWithReasonTimeout() {
    Order.Applied applied = pending().apply(new TimedOut(T1, "no progress for 120 s in PENDING"), T1);

    assertThat(applied.cancelled()).isTrue();
    assertThat(applied.after().cancellationReason()).isEqualTo(CancellationReason.TIMEOUT);
    assertThat(applied.after().statusSince()).isEqualTo(T1);
  }

  @Test
  void statusTransitionsAreForwardOnlyAndFinalStatesAreFinal() {
    assertThat(OrderStatus.PENDING.canBecome(OrderStatus.PAID)).isTrue();
    assertThat(OrderStatus.PAID.canBecome(OrderStatus.PENDING)).isFalse();
    assertThat(OrderStatus.RESERVED.canBecome(OrderStatus.PAID)).isFalse();
    assertThat(OrderStatus.RESERVED.canBecome(OrderStatus.CANCELLED)).isTrue();
    assertThat(OrderStatus.COMPLETED.next()).isEmpty();
    assertThat(OrderStatus.CANCELLED.next()).isEmpty();
  }

  @Test
  void theOrderAsCreatedIsPendingWithItsFirstEntryOnly() {
    Order completed = pending().apply(success(SagaStep.SHIPMENT), T1).after();

    OrderDetails created = OrderDetails.asCreated(completed);

    assertThat(created.order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(created.order().updatedAt()).isEqualTo(T0);
    assertThat(created.order().trackingNumber()).isNull();
    assertThat(created.timeline()).extracting(TimelineEntry::step).containsExactly("created");
  }
}
