package dev.emporium.gateway.policy.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts one policy's decisions as {@code gateway.auth.decisions{route, policy, outcome, reason}}.
 * Each counter is registered on first use and kept, so counting costs an array read and an add.
 */
public final class AuthDecisions {

  private final MeterRegistry registry;
  private final String route;
  private final String policy;
  private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(AuthOutcome.values().length);

  public AuthDecisions(MeterRegistry registry, String route, String policy) {
    this.registry = registry;
    this.route = route;
    this.policy = policy;
  }

  public void count(AuthOutcome outcome) {
    Counter counter = counters.get(outcome.ordinal());
    if (counter == null) {
      counter = Counter.builder("gateway.auth.decisions")
          .description("Identity and access decisions, by route, policy, outcome and reason")
          .tags("route", route, "policy", policy, "outcome", outcome.outcome(), "reason", outcome.reason())
          .register(registry);
      counters.set(outcome.ordinal(), counter);
    }
    counter.increment();
  }
}
