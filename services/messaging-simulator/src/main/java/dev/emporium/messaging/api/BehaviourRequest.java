package dev.emporium.messaging.api;

import dev.emporium.messaging.behaviour.Behaviour;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code PUT /admin/behaviour/{channel}}: the channel's whole behaviour, an omitted
 * field meaning 0 (no latency, no failures), an omitted status 503 and an omitted seed a fresh
 * random sequence. The latency's upper limit is {@code emporium.messaging.max-latency}, checked
 * when it is put in force.
 */
public record BehaviourRequest(
    @Min(0) Long latencyMs,
    @Min(0) Long latencyJitterMs,
    @DecimalMin("0") @DecimalMax("1") Double failureRate,
    Integer failureStatus,
    Long seed) {

  Behaviour toBehaviour() {
    return new Behaviour(latencyMs == null ? 0 : latencyMs, latencyJitterMs == null ? 0 : latencyJitterMs,
        failureRate == null ? 0 : failureRate, failureStatus == null ? 503 : failureStatus, seed);
  }
}
