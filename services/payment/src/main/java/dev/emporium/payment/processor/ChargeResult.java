package dev.emporium.payment.processor;

/** What became of a charge. */
public sealed interface ChargeResult {

  /** The processor captured the amount (201). */
  record Approved(String chargeId) implements ChargeResult {}

  /** The card was declined (402): a final answer, never retried. */
  record Declined(String chargeId, String declineCode, String message) implements ChargeResult {}

  /** The processor refused the request itself (another 4xx): the payment details are unusable. */
  record Rejected(String detail) implements ChargeResult {}

  /** No answer could be had: retries exhausted, breaker open, or no permit in the bulkhead. */
  record Unavailable(String detail) implements ChargeResult {}
}
