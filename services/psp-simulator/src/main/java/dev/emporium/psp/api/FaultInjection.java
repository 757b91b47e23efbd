package dev.emporium.psp.api;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.platform.service.problem.ProblemType;
import dev.emporium.psp.behaviour.BehaviourControl;
import dev.emporium.psp.behaviour.Fault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the behaviour in force to each {@code /v1} call before its handler runs: waits the
 * drawn latency, then either lets the call through or fails it with a 503 that processed nothing
 * (an injected timeout first holds the call for {@code timeout-hold}). Requests run on virtual
 * threads, so a held request costs no platform thread.
 */
class FaultInjection implements HandlerInterceptor {

  private final BehaviourControl behaviour;
  private final Duration timeoutHold;
  private final Counter failures;
  private final Counter timeouts;

  FaultInjection(BehaviourControl behaviour, Duration timeoutHold, MeterRegistry meters) {
    this.behaviour = behaviour;
    this.timeoutHold = timeoutHold;
    this.failures = injected(meters, "failure");
    this.timeouts = injected(meters, "timeout");
  }

  private static Counter injected(MeterRegistry meters, String kind) {
    return Counter.builder("psp.injected.failures").description("Calls failed on purpose by the behaviour, by kind")
        .tag("kind", kind).register(meters);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws InterruptedException {
    Fault fault = behaviour.decide();
    if (fault.delayMs() > 0) {
      Thread.sleep(fault.delayMs());
    }
    switch (fault.kind()) {
      case TIMEOUT -> {
        timeouts.increment();
        Thread.sleep(timeoutHold);
        throw unavailable("Injected timeout: the call was held " + timeoutHold.toMillis() + " ms and not processed.");
      }
      case FAILURE -> {
        failures.increment();
        throw unavailable("Injected failure: the call was not processed.");
      }
      case NONE -> {
        return true;
      }
    }
    return true;
  }

  private static ProblemException unavailable(String detail) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE, detail);
  }
}
