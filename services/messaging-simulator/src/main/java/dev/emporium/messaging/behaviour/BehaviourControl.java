package dev.emporium.messaging.behaviour;

import dev.emporium.messaging.MessagingProperties;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * The behaviour in force per channel, replaceable at runtime, and the random choices it makes for
 * each delivery. A behaviour and its random sequence are swapped together, so that a seeded
 * behaviour always starts its sequence from the beginning.
 */
@Service
public class BehaviourControl {

  private record Active(Behaviour behaviour, Random random) {}

  private final Map<Channel, Behaviour> configured = new EnumMap<>(Channel.class);
  private final Map<Channel, AtomicReference<Active>> active = new EnumMap<>(Channel.class);
  private final long maxLatencyMs;

  public BehaviourControl(MessagingProperties properties) {
    this.maxLatencyMs = properties.maxLatency().toMillis();
    configured.put(Channel.MAIL, properties.behaviour().mail());
    configured.put(Channel.SMS, properties.behaviour().sms());
    configured.put(Channel.PUSH, properties.behaviour().push());
    for (Channel channel : Channel.values()) {
      active.put(channel, new AtomicReference<>());
      reset(channel);
    }
  }

  public Behaviour current(Channel channel) {
    return active.get(channel).get().behaviour();
  }

  /** Puts {@code behaviour} in force for the channel's deliveries that arrive from now on. */
  public Behaviour replace(Channel channel, Behaviour behaviour) {
    if (behaviour.latencyMs() + behaviour.latencyJitterMs() > maxLatencyMs) {
      throw new InvalidBehaviourException("latencyMs",
          "plus latencyJitterMs must be at most " + maxLatencyMs + " (emporium.messaging.max-latency)");
    }
    Random random = behaviour.seed() == null ? new Random() : new Random(behaviour.seed());
    active.get(channel).set(new Active(behaviour, random));
    return behaviour;
  }

  /** Back to the channel's behaviour configured at start-up. */
  public Behaviour reset(Channel channel) {
    return replace(channel, configured.get(channel));
  }

  /** Draws this delivery's latency and whether it fails. */
  public Fault decide(Channel channel) {
    Active now = active.get(channel).get();
    Behaviour behaviour = now.behaviour();
    Random random = now.random();
    long delay = behaviour.latencyMs();
    if (behaviour.latencyJitterMs() > 0) {
      delay += random.nextLong(behaviour.latencyJitterMs() + 1);
    }
    boolean fail = behaviour.failureRate() > 0 && random.nextDouble() < behaviour.failureRate();
    return new Fault(delay, fail, behaviour.failureStatus());
  }
}
