package dev.emporium.payment.processor;

import java.math.BigDecimal;

/** What became of a refund. */
public sealed interface RefundResult {

  /** The processor refunded the amount (201; the same answer again for a retried key). */
  record Refunded(String refundId, BigDecimal amount) implements RefundResult {}

  /** The processor refused it (404 unknown charge, 422 nothing left to refund): retrying cannot help. */
  record Refused(String detail) implements RefundResult {}

  /** No answer could be had; the refund is tried again later. */
  record Unavailable(String detail) implements RefundResult {}
}
