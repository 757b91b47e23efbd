package dev.emporium.payment.payments;

import dev.emporium.payment.PaymentProperties;
import dev.emporium.payment.PaymentProperties.UnavailableMode;
import dev.emporium.payment.events.PaymentEvents;
import dev.emporium.payment.persistence.CancellationRepository;
import dev.emporium.payment.persistence.PaymentRepository;
import dev.emporium.payment.persistence.TimelineRepository;
import dev.emporium.payment.processor.Attempted;
import dev.emporium.payment.processor.ChargeResult;
import dev.emporium.payment.processor.RefundResult;
import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.events.trace.TraceContexts;
import dev.emporium.platform.service.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The payment use cases. Each is one short transaction holding the state change, its timeline
 * steps and its event (outbox). None of them calls the processor: the listeners record what the
 * order asks for, the {@link Charger} makes the calls between two transactions, and the outcome is
 * written here afterwards, on the row locked ({@code FOR UPDATE}) against a concurrent cancellation.
 */
@Service
public class Payments {

  private static final Logger log = LoggerFactory.getLogger(Payments.class);

  private final PaymentRepository payments;
  private final TimelineRepository timeline;
  private final CancellationRepository cancellations;
  private final PaymentEvents events;
  private final ChargerSignal charger;
  private final PaymentProperties properties;
  private final MeterRegistry meters;
  private final TraceContexts traces;
  private final Clock clock;

  @Autowired
  Payments(PaymentRepository payments, TimelineRepository timeline, CancellationRepository cancellations,
      PaymentEvents events, ChargerSignal charger, PaymentProperties properties, MeterRegistry meters,
      TraceContexts traces) {
    this(payments, timeline, cancellations, events, charger, properties, meters, traces, Clock.systemUTC());
  }

  Payments(PaymentRepository payments, TimelineRepository timeline, CancellationRepository cancellations,
      PaymentEvents events, ChargerSignal charger, PaymentProperties properties, MeterRegistry meters,
      TraceContexts traces, Clock clock) {
    this.payments = payments;
    this.timeline = timeline;
    this.cancellations = cancellations;
    this.events = events;
    this.charger = charger;
    this.properties = properties;
    this.meters = meters;
    this.traces = traces;
    this.clock = clock;
  }

  /**
   * Records the payment an order asks for, to be charged by the charger. An order already cancelled
   * is recorded as CANCELLED and never charged; an order that cannot be charged fails at once
   * (PaymentFailed invalid-payment). A second request for the same order changes nothing.
   */
  @Transactional
  public void record(String orderId, String userId, PaymentDetails details) {
    Instant now = clock.instant();
    payments.lockOrder(orderId);
    Optional<String> cancelled = cancellations.reason(orderId);
    Optional<String> problem = details.problem();
    PaymentStatus status = cancelled.isPresent() ? PaymentStatus.CANCELLED
        : problem.isPresent() ? PaymentStatus.FAILED : PaymentStatus.PENDING;
    Payment payment = Payment.create(orderId, userId,
        details.amount() == null ? BigDecimal.ZERO : details.amount(),
        problem.isPresent() && !validCurrency(details.currency()) ? "XXX" : details.currency(),
        details.storablePaymentMethod(), details.items(), status, now);
    if (problem.isPresent()) {
      payment = payment.withFailure(FailureReason.INVALID_PAYMENT, problem.get());
    }
    if (cancelled.isPresent()) {
      payment = payment.withCancelReason(cancelled.get());
    }
    // The charger calls the processor later, on a thread of its own, continuing this event's trace.
    if (!payments.insert(payment, traces.current())) {
      log.info("order {} already has a payment; this request changes nothing", orderId);
      return;
    }
    timeline.add(orderId, "recorded", payment.amount().toPlainString() + " " + payment.currency(), now);
    switch (status) {
      case CANCELLED -> {
        timeline.add(orderId, "cancelled", "the order was cancelled before its payment arrived: never charged", now);
        log.info("order {} was cancelled before its payment; nothing is charged", orderId);
      }
      case FAILED -> {
        timeline.add(orderId, "failed", FailureReason.INVALID_PAYMENT.code() + ": " + problem.get(), now);
        events.failed(payment, FailureReason.INVALID_PAYMENT, null, problem.get(), now);
        outcome("invalid-payment");
      }
      default -> wakeChargerAfterCommit();
    }
  }

  /**
   * Compensates a cancelled order, once: a captured charge is refunded (by the charger), a payment
   * still waiting is cancelled and never charged, a charge on the wire is refunded as soon as it
   * returns approved. An order not seen yet is remembered, so that its late OrderCreated charges nothing.
   */
  @Transactional
  public void cancel(String orderId, String userId, String reason) {
    Instant now = clock.instant();
    payments.lockOrder(orderId);
    if (!cancellations.insert(orderId, userId, reason, now)) {
      log.info("order {} was already cancelled; nothing more to do", orderId);
      return;
    }
    Optional<Payment> found = payments.lock(orderId);
    if (found.isEmpty()) {
      log.info("order {} was cancelled before its payment arrived; a late OrderCreated will charge nothing", orderId);
      return;
    }
    Payment payment = found.get().withCancelReason(reason);
    // A refund (or a settling charge) the charger makes from here on is part of the cancellation's trace.
    payments.continueTraceOf(orderId, traces.current());
    switch (payment.status()) {
      case PENDING -> {
        if (payment.inFlight(now)) {
          payments.update(payment, now);
          timeline.add(orderId, "cancel-requested", "the charge is under way; an approved charge will be refunded", now);
        } else if (payment.uncertain()) {
          settle(payment, now);
        } else {
          payments.update(payment.withStatus(PaymentStatus.CANCELLED).released(now, payment.waitRounds()), now);
          timeline.add(orderId, "cancelled", reason + ": never charged", now);
          outcome("cancelled");
        }
      }
      case FAILED -> {
        if (payment.uncertain()) {
          settle(payment.withStatus(PaymentStatus.PENDING), now);
        } else {
          payments.update(payment, now);
          timeline.add(orderId, "cancelled", reason + ": nothing to refund (FAILED)", now);
        }
      }
      case CAPTURED -> {
        payments.update(payment.withStatus(PaymentStatus.REFUNDING).released(now, 0), now);
        timeline.add(orderId, "refund-requested", reason, now);
        wakeChargerAfterCommit();
      }
      default -> {
        payments.update(payment, now);
        timeline.add(orderId, "cancelled", reason + ": nothing to refund (" + payment.status() + ")", now);
      }
    }
  }

  /** Takes up to {@code limit} due payments and refunds for this charger run. */
  @Transactional
  public List<PaymentRepository.Claimed> claimDue(int limit) {
    return payments.claimDue(clock.instant(), limit, properties.charger().lease(), UUID.randomUUID());
  }

  /** Writes what the charge of a claimed payment came to, with its event. */
  @Transactional
  public void completeCharge(Payment claimed, Attempted<ChargeResult> attempted) {
    Instant now = clock.instant();
    Optional<Payment> current = stillClaimed(claimed, PaymentStatus.PENDING);
    if (current.isEmpty()) {
      return;
    }
    String orderId = claimed.orderId();
    // An answer settles any doubt (a call that landed before is answered again under its key);
    // without one, a timed-out call leaves it open.
    boolean uncertain = attempted.result() instanceof ChargeResult.Unavailable
        && (current.get().uncertain() || attempted.calls().stream().anyMatch(Payments::mayHaveLanded));
    Payment payment = current.get().withAttempts(attempted.calls().size()).withUncertain(uncertain);
    for (int i = 0; i < attempted.calls().size(); i++) {
      timeline.add(orderId, "charge-call", "call " + (payment.attempts() - attempted.calls().size() + i + 1) + ": "
          + attempted.calls().get(i), now);
    }
    switch (attempted.result()) {
      case ChargeResult.Approved approved -> {
        payment = payment.withCharge(approved.chargeId(), null);
        timeline.add(orderId, "captured", approved.chargeId(), now);
        if (payment.cancelled()) {
          // The order was cancelled while the charge was on the wire: it must not stay charged.
          payments.update(payment.withStatus(PaymentStatus.REFUNDING).released(now, 0), now);
          timeline.add(orderId, "refund-requested", payment.cancelReason() + " (cancelled during the charge)", now);
          wakeChargerAfterCommit();
        } else {
          payment = payment.withStatus(PaymentStatus.CAPTURED).released(now, 0);
          payments.update(payment, now);
          events.processed(payment, now);
        }
        outcome("captured");
      }
      case ChargeResult.Declined declined -> {
        payment = payment.withCharge(declined.chargeId(), declined.declineCode())
            .withFailure(FailureReason.CARD_DECLINED, declined.message()).withStatus(PaymentStatus.DECLINED)
            .released(now, 0);
        payments.update(payment, now);
        timeline.add(orderId, "declined", declined.declineCode(), now);
        if (!payment.cancelled()) {
          events.failed(payment, FailureReason.CARD_DECLINED, declined.declineCode(), declined.message(), now);
        }
        outcome("declined");
      }
      case ChargeResult.Rejected rejected -> fail(payment, FailureReason.INVALID_PAYMENT, rejected.detail(), now);
      case ChargeResult.Unavailable unavailable -> {
        if (payment.cancelled() && payment.uncertain()) {
          Instant next = now.plus(backoff(payment.waitRounds()));
          payments.update(payment.released(next, payment.waitRounds() + 1), now);
          timeline.add(orderId, "settle-waiting", unavailable.detail() + "; next attempt at " + next, now);
        } else if (payment.cancelled()) {
          payments.update(payment.withStatus(PaymentStatus.CANCELLED).released(now, payment.waitRounds()), now);
          timeline.add(orderId, "cancelled", payment.cancelReason() + ": never charged", now);
          outcome("cancelled");
        } else if (properties.onProcessorUnavailable() == UnavailableMode.WAIT) {
          Instant next = now.plus(backoff(payment.waitRounds()));
          payments.update(payment.released(next, payment.waitRounds() + 1), now);
          timeline.add(orderId, "waiting", unavailable.detail() + "; next attempt at " + next, now);
          log.info("processor unavailable for order {} ({}); trying again at {}", orderId, unavailable.detail(), next);
        } else {
          fail(payment, FailureReason.PROCESSOR_UNAVAILABLE, unavailable.detail(), now);
        }
      }
    }
  }

  /** Writes what the refund of a claimed payment came to, with its event. */
  @Transactional
  public void completeRefund(Payment claimed, Attempted<RefundResult> attempted) {
    Instant now = clock.instant();
    Optional<Payment> current = stillClaimed(claimed, PaymentStatus.REFUNDING);
    if (current.isEmpty()) {
      return;
    }
    String orderId = claimed.orderId();
    Payment payment = current.get();
    for (String call : attempted.calls()) {
      timeline.add(orderId, "refund-call", call, now);
    }
    switch (attempted.result()) {
      case RefundResult.Refunded refunded -> {
        BigDecimal amount = refunded.amount().signum() > 0 ? refunded.amount() : payment.amount();
        payment = payment.withRefund(refunded.refundId(), amount).withStatus(PaymentStatus.REFUNDED).released(now, 0);
        payments.update(payment, now);
        timeline.add(orderId, "refunded", refunded.refundId() + ": " + amount.toPlainString() + " " + payment.currency(), now);
        events.refunded(payment, amount, now);
        outcome("refunded");
      }
      case RefundResult.Refused refused -> {
        payments.update(payment.withFailure(FailureReason.INVALID_PAYMENT, refused.detail())
            .withStatus(PaymentStatus.REFUND_FAILED).released(now, 0), now);
        timeline.add(orderId, "refund-failed", refused.detail(), now);
        log.error("the processor refused the refund of order {} (charge {}): {}; it needs a person",
            orderId, payment.processorChargeId(), refused.detail());
        outcome("refund-failed");
      }
      case RefundResult.Unavailable unavailable -> {
        // A refund is compensation: it is never given up, whatever on-processor-unavailable says.
        Instant next = now.plus(backoff(payment.waitRounds()));
        payments.update(payment.released(next, payment.waitRounds() + 1), now);
        timeline.add(orderId, "refund-waiting", unavailable.detail() + "; next attempt at " + next, now);
      }
    }
  }

  /**
   * The order's payment with its timeline, for the user who placed the order or an admin.
   *
   * @throws ProblemException 401 for an anonymous caller, 404 for an unknown order or someone else's
   */
  @Transactional(readOnly = true)
  public PaymentView get(Caller caller, String orderId) {
    Access.requireAuthenticated(caller);
    String what = "payment of order " + orderId;
    Payment payment = payments.find(orderId).orElseThrow(() -> ProblemException.notFound(what));
    Access.requireOwnerOrAdmin(caller, payment.userId(), what);
    return new PaymentView(payment, timeline.of(orderId));
  }

  public record PaymentView(Payment payment, List<TimelineRepository.Step> timeline) {}

  private Optional<Payment> stillClaimed(Payment claimed, PaymentStatus expected) {
    Optional<Payment> current = payments.lock(claimed.orderId());
    if (current.isEmpty() || current.get().status() != expected
        || !claimed.claimToken().equals(current.get().claimToken())) {
      // Another charger run took it over after this one's lease ran out; the idempotency key
      // made the repeated call harmless, and the other run writes the outcome.
      log.warn("payment of order {} is no longer held by this charger run; its outcome is left to the holder",
          claimed.orderId());
      return Optional.empty();
    }
    return current;
  }

  /**
   * A cancelled order whose charge call timed out may have been captured at the processor without
   * this service knowing. Rather than forget it, the charge is asked again under the same key: a
   * capture that landed is answered again and refunded; one that did not is made now and refunded
   * too (the money comes back either way); a decline settles it with nothing to refund.
   */
  private void settle(Payment payment, Instant now) {
    payments.update(payment.released(now, 0), now);
    timeline.add(payment.orderId(), "settle-requested",
        "an earlier charge call timed out and may have been captured; asked again under the same key, refunded if so", now);
    wakeChargerAfterCommit();
  }

  /** A call that ended without an answer after its request may have been processed. */
  private static boolean mayHaveLanded(String callOutcome) {
    return "timeout".equals(callOutcome) || "io-error".equals(callOutcome);
  }

  private void fail(Payment payment, FailureReason reason, String detail, Instant now) {
    Payment failed = payment.withFailure(reason, detail).withStatus(PaymentStatus.FAILED).released(now, 0);
    payments.update(failed, now);
    timeline.add(payment.orderId(), "failed", reason.code() + ": " + detail, now);
    if (!failed.cancelled()) {
      events.failed(failed, reason, null, detail, now);
    }
    outcome(reason.code());
  }

  /** The pause before round {@code round} of trying again: doubled per round, capped, ±20 % jitter. */
  Duration backoff(int round) {
    Duration initial = properties.charger().waitInitialDelay();
    Duration max = properties.charger().waitMaxDelay();
    Duration delay = round >= 30 ? max : initial.multipliedBy(1L << Math.min(round, 30));
    if (delay.compareTo(max) > 0) {
      delay = max;
    }
    double jitter = 1 + ThreadLocalRandom.current().nextDouble(-0.2, 0.2);
    return Duration.ofMillis((long) (delay.toMillis() * jitter));
  }

  private void outcome(String outcome) {
    meters.counter("emporium.payment.outcomes", "outcome", outcome).increment();
  }

  private void wakeChargerAfterCommit() {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        charger.wake();
      }
    });
  }

  private static boolean validCurrency(String currency) {
    return currency != null && currency.matches("[A-Z]{3}");
  }
}
