package dev.emporium.psp.api;

import dev.emporium.psp.PspProperties;
import dev.emporium.psp.behaviour.Behaviour;
import dev.emporium.psp.behaviour.BehaviourControl;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes how the simulator behaves while it runs, so that a drill can open the payment service's
 * circuit breaker (failures, timeouts) and heal it again. Takes effect for calls arriving afterwards.
 */
@RestController
@RequestMapping("/admin/behaviour")
class BehaviourController {

  /** The behaviour in force, with the hold of injected timeouts (which only configuration sets). */
  record BehaviourResponse(long latencyMs, long latencyJitterMs, double failureRate, double timeoutRate,
      @Nullable Long seed, long timeoutHoldMs) {}

  private final BehaviourControl control;
  private final long timeoutHoldMs;

  BehaviourController(BehaviourControl control, PspProperties properties) {
    this.control = control;
    this.timeoutHoldMs = properties.timeoutHold().toMillis();
  }

  @GetMapping
  @Operation(summary = "The behaviour in force")
  BehaviourResponse get() {
    return response(control.current());
  }

  @PutMapping
  @Operation(summary = "Replace the behaviour (omitted fields are 0)")
  BehaviourResponse replace(@Valid @RequestBody BehaviourRequest request) {
    return response(control.replace(request.toBehaviour()));
  }

  @DeleteMapping
  @Operation(summary = "Back to the behaviour configured at start-up")
  BehaviourResponse reset() {
    return response(control.reset());
  }

  private BehaviourResponse response(Behaviour behaviour) {
    return new BehaviourResponse(behaviour.latencyMs(), behaviour.latencyJitterMs(), behaviour.failureRate(),
        behaviour.timeoutRate(), behaviour.seed(), timeoutHoldMs);
  }
}
