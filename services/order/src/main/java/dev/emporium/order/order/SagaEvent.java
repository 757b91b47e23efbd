package dev.emporium.order.order;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What another service (or the clock) reports about an order, as the order's domain sees it. */
public sealed interface SagaEvent {

  /** When it happened. */
  Instant at();

  /** A step succeeded; {@code trackingNumber} comes with the shipment. */
  record StepSucceeded(SagaStep step, Instant at, @Nullable String detail, @Nullable String trackingNumber)
      implements SagaEvent {}

  /** A step failed: the order is to be cancelled for {@code reason}. */
  record StepFailed(SagaStep step, Instant at, CancellationReason reason, @Nullable String detail)
      implements SagaEvent {}

  /** A compensation happened (refund, release, shipment cancelled): for the timeline only. */
  record Compensated(String step, Instant at, @Nullable String detail) implements SagaEvent {}

  /** The order stayed in its status longer than the step timeout. */
  record TimedOut(Instant at, String detail) implements SagaEvent {}
}
