package dev.emporium.psp.api;

import dev.emporium.psp.behaviour.Behaviour;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code PUT /admin/behaviour}: the whole behaviour, an omitted field meaning 0 (no
 * latency, no failures) and an omitted seed a fresh random sequence. The latency's upper limit is
 * {@code emporium.psp.max-latency}, checked when it is put in force.
 */
public record BehaviourRequest(
    @Min(0) Long latencyMs,
    @Min(0) Long latencyJitterMs,
    @DecimalMin("0") @DecimalMax("1") Double failureRate,
    @DecimalMin("0") @DecimalMax("1") Double timeoutRate,
    Long seed) {

  Behaviour toBehaviour() {
    return new Behaviour(orZero(latencyMs), orZero(latencyJitterMs), orZero(failureRate), orZero(timeoutRate), seed);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
