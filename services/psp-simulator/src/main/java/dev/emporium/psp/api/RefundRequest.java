package dev.emporium.psp.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/refunds}: all that is left of the charge when {@code amount} is
 * absent, otherwise that much (in the charge's currency).
 */
public record RefundRequest(@NotBlank @Size(max = 64) String chargeId, @Valid MoneyBody amount) {}
