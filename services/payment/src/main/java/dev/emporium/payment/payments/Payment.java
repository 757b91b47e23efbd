package dev.emporium.payment.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The payment of one order, as stored. Immutable: a change is a new value written back by
 * {@link dev.emporium.payment.persistence.PaymentRepository#update}.
 *
 * @param paymentMethod the payment method's token as the order named it (never a card number)
 * @param attempts calls made to the processor for the charge, retries included
 * @param cancelReason the order's cancellation reason, once OrderCancelled arrived
 * @param claimToken the charger run that holds it, until {@code claimedUntil}
 * @param uncertain whether a charge call ended without an answer after it may have reached the
 *     processor (a timeout): the processor may hold a capture this service does not know of
 */
public record Payment(String orderId, UUID paymentId, String userId, BigDecimal amount, String currency,
    String paymentMethod, List<Item> items, PaymentStatus status, @Nullable String processorChargeId,
    @Nullable String declineCode, @Nullable String failureReason, @Nullable String failureDetail, int attempts,
    @Nullable String refundId, @Nullable BigDecimal refundedAmount, @Nullable String cancelReason,
    @Nullable UUID claimToken, @Nullable Instant claimedUntil, Instant nextAttemptAt, int waitRounds,
    boolean uncertain, Instant createdAt) {

  public record Item(String productId, int quantity) {}

  /** A new payment, to be charged ({@code PENDING}) or already decided (an order cancelled first, invalid details). */
  public static Payment create(String orderId, String userId, BigDecimal amount, String currency, String paymentMethod,
      List<Item> items, PaymentStatus status, Instant now) {
    return new Payment(orderId, UUID.randomUUID(), userId, amount, currency, paymentMethod, List.copyOf(items), status,
        null, null, null, null, 0, null, null, null, null, null, now, 0, false, now);
  }

  /** Whether a charger is working on it right now (its call may be on the wire). */
  public boolean inFlight(Instant now) {
    return claimToken != null && claimedUntil != null && claimedUntil.isAfter(now);
  }

  public boolean cancelled() {
    return cancelReason != null;
  }

  public Payment withStatus(PaymentStatus status) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, failureReason, failureDetail, attempts, refundId, refundedAmount, cancelReason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  public Payment withCancelReason(String reason) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, failureReason, failureDetail, attempts, refundId, refundedAmount, reason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  public Payment withCharge(@Nullable String chargeId, @Nullable String declineCode) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, chargeId,
        declineCode, failureReason, failureDetail, attempts, refundId, refundedAmount, cancelReason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  public Payment withFailure(FailureReason reason, @Nullable String detail) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, reason.code(), detail, attempts, refundId, refundedAmount, cancelReason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  public Payment withRefund(String refundId, BigDecimal refundedAmount) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, failureReason, failureDetail, attempts, refundId, refundedAmount, cancelReason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  public Payment withAttempts(int more) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, failureReason, failureDetail, attempts + more, refundId, refundedAmount, cancelReason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  public Payment withUncertain(boolean uncertain) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, failureReason, failureDetail, attempts, refundId, refundedAmount, cancelReason, claimToken,
        claimedUntil, nextAttemptAt, waitRounds, uncertain, createdAt);
  }

  /** Released by the charger; due again at {@code next} (now, for work to do at once). */
  public Payment released(Instant next, int waitRounds) {
    return new Payment(orderId, paymentId, userId, amount, currency, paymentMethod, items, status, processorChargeId,
        declineCode, failureReason, failureDetail, attempts, refundId, refundedAmount, cancelReason, null, null, next,
        waitRounds, uncertain, createdAt);
  }
}
