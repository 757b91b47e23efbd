package dev.emporium.payment.payments;

/**
 * Where a payment stands. PENDING and REFUNDING are the charger's work; every other status is final
 * except CAPTURED, which a cancellation turns into REFUNDING.
 */
public enum PaymentStatus {
  /** Recorded; the charge is still to be made (or under way, or waiting for the processor to heal). */
  PENDING,
  /** The processor captured the amount: PaymentProcessed was published. */
  CAPTURED,
  /** The card was declined: PaymentFailed card-declined. */
  DECLINED,
  /** Invalid payment details, or the processor unavailable in {@code fail} mode: PaymentFailed. */
  FAILED,
  /** The order was cancelled before any charge: nothing was, or will be, charged. */
  CANCELLED,
  /** The order was cancelled after its capture: the refund is still to be made. */
  REFUNDING,
  /** The capture was refunded in full: PaymentRefunded was published. */
  REFUNDED,
  /** The processor refused the refund (unknown or already refunded charge): needs a person. */
  REFUND_FAILED
}
