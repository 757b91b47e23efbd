package dev.emporium.psp.charge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One charge as the processor recorded it. Immutable: a refund makes a new version with a larger
 * {@code amountRefunded}.
 *
 * @param declineCode why it failed; null when it succeeded
 */
public record Charge(String id, Status status, Money amount, Money amountRefunded, String paymentMethod,
    String orderId, @Nullable String description, @Nullable String declineCode, Instant createdAt) {

  public enum Status {
    SUCCEEDED, FAILED
  }

  /** What can still be refunded. */
  public Money refundable() {
    return amount.minus(amountRefunded);
  }

  Charge withRefund(Money refunded) {
    return new Charge(id, status, amount, amountRefunded.plus(refunded), paymentMethod, orderId, description,
        declineCode, createdAt);
  }
}
