package dev.emporium.psp.api;

import dev.emporium.psp.charge.Refund;
import java.time.Instant;

/** A refund as the API shows it. */
public record RefundResponse(String id, String chargeId, String status, MoneyBody amount, Instant createdAt) {

  static RefundResponse of(Refund refund) {
    return new RefundResponse(refund.id(), refund.chargeId(), "succeeded", MoneyBody.of(refund.amount()),
        refund.createdAt());
  }
}
