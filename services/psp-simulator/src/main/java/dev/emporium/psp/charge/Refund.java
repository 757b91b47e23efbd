package dev.emporium.psp.charge;

import java.time.Instant;

/** Money given back from a charge; always succeeds once accepted. */
public record Refund(String id, String chargeId, Money amount, Instant createdAt) {}
