package dev.emporium.payment.api;

import dev.emporium.payment.payments.Payment;
import dev.emporium.payment.payments.PaymentStatus;
import dev.emporium.payment.payments.Payments.PaymentView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A payment as the API shows it. {@code paymentMethod} is the token the order named (or a mask):
 * the service never holds card data.
 */
record PaymentResponse(String orderId, String paymentId, PaymentStatus status, BigDecimal amount, String currency,
    String paymentMethod, String processorChargeId, int attempts, boolean refunded, BigDecimal refundedAmount,
    String failureReason, String declineCode, String cancelReason, List<Step> timeline) {

  record Step(String step, String detail, Instant at) {}

  static PaymentResponse of(PaymentView view) {
    Payment p = view.payment();
    return new PaymentResponse(p.orderId(), p.paymentId().toString(), p.status(), p.amount(), p.currency(),
        p.paymentMethod(), p.processorChargeId(), p.attempts(), p.status() == PaymentStatus.REFUNDED,
        p.refundedAmount(), p.failureReason(), p.declineCode(), p.cancelReason(),
        view.timeline().stream().map(s -> new Step(s.step(), s.detail(), s.at())).toList());
  }
}
