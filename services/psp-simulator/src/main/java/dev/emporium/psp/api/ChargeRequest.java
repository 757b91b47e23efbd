package dev.emporium.psp.api;

import dev.emporium.psp.charge.ChargeCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The body of {@code POST /v1/charges}. Also what an idempotency key remembers: a retry must send
 * an equal body (field by field, as sent) to be answered with the first response.
 */
public record ChargeRequest(
    @NotNull @Valid MoneyBody amount,
    @NotBlank @Size(max = 64) String paymentMethod,
    @NotBlank @Size(max = 100) String orderId,
    @Size(max = 500) String description) {

  ChargeCommand toCommand(BigDecimal maxAmount) {
    return new ChargeCommand(amount.toMoney(maxAmount, "amount"), paymentMethod, orderId, description);
  }
}
