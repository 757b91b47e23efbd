package dev.emporium.payment.processor;

import java.math.BigDecimal;

/**
 * A charge as the processor is asked for it. The body sent is derived from these values only, so a
 * retry (after a timeout, or after a restart) sends an equal body under the same idempotency key,
 * which is what the processor needs to answer it with the first outcome instead of charging again.
 *
 * @param orderId the order being paid: also the idempotency key of the charge
 */
public record ChargeRequest(String orderId, BigDecimal amount, String currency, String paymentMethod) {}
