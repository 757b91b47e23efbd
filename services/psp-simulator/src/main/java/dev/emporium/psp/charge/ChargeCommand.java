package dev.emporium.psp.charge;

import org.jspecify.annotations.Nullable;

/** A validated request to charge {@code amount} to {@code paymentMethod} for an order. */
public record ChargeCommand(Money amount, String paymentMethod, String orderId, @Nullable String description) {}
