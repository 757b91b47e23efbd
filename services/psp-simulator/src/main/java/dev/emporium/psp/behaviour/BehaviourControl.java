package dev.emporium.psp.behaviour;

import dev.emporium.psp.PspProperties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * The behaviour in force, replaceable at runtime, and the random choices it makes for each call.
 * A behaviour and its random sequence are swapped together, so that a seeded behaviour always
 * starts its sequence from the beginning.
 */
@Service
public class BehaviourControl {

  private record Active(Behaviour behaviour, Random random) {}

  private final Behaviour configured;
  private final long maxLatencyMs;
  private final AtomicReference<Active> active = new AtomicReference<>();

  public BehaviourControl(PspProperties properties) {
    this.configured = properties.behaviour();
    this.maxLatencyMs = properties.maxLatency().toMillis();
    replace(configured);
  }

  public Behaviour current() {
    return active.get().behaviour();
  }

  /** Puts {@code behaviour} in force for the calls that arrive from now on. */
  public Behaviour replace(Behaviour behaviour) {
    if (behaviour.latencyMs() + behaviour.latencyJitterMs() > maxLatencyMs) {
      throw new InvalidBehaviourException("latencyMs",
          "plus latencyJitterMs must be at most " + maxLatencyMs + " (emporium.psp.max-latency)");
    }
    Random random = behaviour.seed() == null ? new Random() : new Random(behaviour.seed());
    active.set(new Active(behaviour, random));
    return behaviour;
  }

  /** Back to the behaviour configured at start-up. */
  public Behaviour reset() {
    return replace(configured);
  }

  /** Draws this call's latency and fault; timeouts are drawn before failures. */
  public Fault decide() {
    Active now = active.get();
    Behaviour behaviour = now.behaviour();
    Random random = now.random();
    long delay = behaviour.latencyMs();
    if (behaviour.latencyJitterMs() > 0) {
      delay += random.nextLong(behaviour.latencyJitterMs() + 1);
    }
    if (behaviour.timeoutRate() > 0 && random.nextDouble() < behaviour.timeoutRate()) {
      return new Fault(delay, Fault.Kind.TIMEOUT);
    }
    if (behaviour.failureRate() > 0 && random.nextDouble() < behaviour.failureRate()) {
      return new Fault(delay, Fault.Kind.FAILURE);
    }
    return new Fault(delay, Fault.Kind.NONE);
  }
}
