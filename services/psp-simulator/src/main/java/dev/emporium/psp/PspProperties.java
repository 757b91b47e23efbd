package dev.emporium.psp;

import dev.emporium.psp.behaviour.Behaviour;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's settings ({@code emporium.psp.*}), checked at start-up.
 *
 * @param behaviour latency and failures at start-up; {@code PUT /admin/behaviour} replaces them
 *     while running and {@code DELETE /admin/behaviour} comes back to these
 * @param timeoutHold how long a request picked for an injected timeout is held before it is
 *     answered 503: longer than any client's patience (the payment service waits 10 s)
 * @param maxLatency the most latency (plus jitter) the behaviour may ask for, so that a typing
 *     mistake in a drill cannot hold requests for hours
 * @param maxAmount the largest amount one charge may have, in units of its currency
 * @param maxCharges how many charges are kept (with their refunds); past it the oldest is forgotten
 *     and then answers 404 like an unknown one
 * @param idempotency how long and how many idempotency keys are remembered
 * @param adminToken when set, {@code /admin/**} requires {@code Authorization: Bearer <token>};
 *     from the environment ({@code EMPORIUM_PSP_ADMIN_TOKEN}), never from a file
 */
@ConfigurationProperties("emporium.psp")
public record PspProperties(
    @DefaultValue Behaviour behaviour,
    @DefaultValue("30s") Duration timeoutHold,
    @DefaultValue("60s") Duration maxLatency,
    @DefaultValue("1000000") BigDecimal maxAmount,
    @DefaultValue("20000") int maxCharges,
    @DefaultValue Idempotency idempotency,
    @Nullable String adminToken) {

  public PspProperties {
    require(positive(timeoutHold), "timeout-hold must be positive");
    require(!maxLatency.isNegative(), "max-latency must not be negative");
    require(maxAmount.signum() > 0, "max-amount must be positive");
    require(maxCharges >= 1, "max-charges must be at least 1");
    require(behaviour.latencyMs() + behaviour.latencyJitterMs() <= maxLatency.toMillis(),
        "behaviour.latency-ms + behaviour.latency-jitter-ms must be at most max-latency");
    if (adminToken != null && adminToken.isBlank()) {
      adminToken = null;
    }
  }

  /**
   * Idempotency keys, remembered like a card processor does (Stripe keeps them 24 h).
   *
   * @param ttl how long a key answers with its first response
   * @param maxKeys how many keys are remembered; past it the oldest is forgotten first
   * @param maxKeyLength the longest key accepted
   */
  public record Idempotency(@DefaultValue("24h") Duration ttl, @DefaultValue("20000") int maxKeys,
      @DefaultValue("255") int maxKeyLength) {

    public Idempotency {
      require(positive(ttl), "idempotency.ttl must be positive");
      require(maxKeys >= 1, "idempotency.max-keys must be at least 1");
      require(maxKeyLength >= 1, "idempotency.max-key-length must be at least 1");
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.psp." + message);
    }
  }
}
