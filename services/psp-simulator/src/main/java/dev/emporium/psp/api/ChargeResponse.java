package dev.emporium.psp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.emporium.psp.charge.Charge;
import java.time.Instant;
import java.util.Locale;

/**
 * A charge as the API shows it. A declined one carries {@code declineCode} and {@code message},
 * as a card processor's error does, and is answered 402.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargeResponse(String id, String status, MoneyBody amount, MoneyBody amountRefunded,
    String paymentMethod, String orderId, String description, String declineCode, String message,
    Instant createdAt) {

  static ChargeResponse of(Charge charge) {
    boolean declined = charge.status() == Charge.Status.FAILED;
    return new ChargeResponse(charge.id(), charge.status().name().toLowerCase(Locale.ROOT),
        MoneyBody.of(charge.amount()), MoneyBody.of(charge.amountRefunded()), charge.paymentMethod(),
        charge.orderId(), charge.description(), charge.declineCode(),
        declined ? "The card was declined." : null, charge.createdAt());
  }
}
