package dev.emporium.psp.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.psp.PspProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BehaviourControlTest {

  static PspProperties properties(Behaviour behaviour) {
    return new PspProperties(behaviour, Duration.ofSeconds(30), Duration.ofSeconds(60), BigDecimal.TEN, 10,
        new PspProperties.Idempotency(Duration.ofHours(1), 10, 255), null);
  }

  final BehaviourControl control = new BehaviourControl(properties(Behaviour.NORMAL));

  List<Fault> draw(int calls) {
    return IntStream.range(0, calls).mapToObj(i -> control.decide()).toList();
  }

  @Test
  void failsEveryCallAtRateOneAndNoneAtRateZero() {
    control.replace(new Behaviour(0, 0, 1.0, 0, null));
    assertThat(draw(200)).extracting(Fault::kind).containsOnly(Fault.Kind.FAILURE);

    control.replace(new Behaviour(0, 0, 0.0, 0, null));
    assertThat(draw(200)).extracting(Fault::kind).containsOnly(Fault.Kind.NONE);
  }

  @Test
  void drawsTimeoutsBeforeFailures() {
    control.replace(new Behaviour(0, 0, 1.0, 1.0, null));
    assertThat(draw(50)).extracting(Fault::kind).containsOnly(Fault.Kind.TIMEOUT);
  }

  @Test
  void addsJitterAboveTheLatency() {
    control.replace(new Behaviour(100, 50, 0, 0, 7L));
    List<Long> delays = draw(500).stream().map(Fault::delayMs).toList();
    assertThat(delays).allSatisfy(delay -> assertThat(delay).isBetween(100L, 150L));
    assertThat(delays).contains(100L, 150L);
  }

  @Test
  void aSeedRepeatsTheSameSequence() {
    Behaviour seeded = new Behaviour(10, 90, 0.3, 0.1, 42L);
    control.replace(seeded);
    List<Fault> first = draw(100);
    control.replace(seeded);
    assertThat(draw(100)).isEqualTo(first);
    assertThat(first).extracting(Fault::kind).contains(Fault.Kind.NONE, Fault.Kind.FAILURE, Fault.Kind.TIMEOUT);
  }

  @Test
  void resetComesBackToTheConfiguredBehaviour() {
    BehaviourControl configured = new BehaviourControl(properties(new Behaviour(5, 0, 0.5, 0, null)));
    configured.replace(Behaviour.NORMAL);
    assertThat(configured.reset()).isEqualTo(new Behaviour(5, 0, 0.5, 0, null));
  }

  @Test
  void rejectsRatesOutsideZeroToOneAndLatencyAboveTheLimit() {
    assertThatThrownBy(() -> new Behaviour(0, 0, 1.5, 0, null))
        .isInstanceOf(InvalidBehaviourException.class).hasMessage("failureRate must be between 0 and 1");
    assertThatThrownBy(() -> new Behaviour(0, 0, 0, -0.1, null)).hasMessage("timeoutRate must be between 0 and 1");
    assertThatThrownBy(() -> control.replace(new Behaviour(50_000, 10_001, 0, 0, null)))
        .isInstanceOfSatisfying(InvalidBehaviourException.class, e -> assertThat(e.field()).isEqualTo("latencyMs"))
        .hasMessageContaining("at most 60000");
  }
}
