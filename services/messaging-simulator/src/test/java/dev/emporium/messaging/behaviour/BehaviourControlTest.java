package dev.emporium.messaging.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.messaging.MessagingProperties;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BehaviourControlTest {

  final BehaviourControl control = new BehaviourControl(new MessagingProperties(
      new MessagingProperties.Behaviours(Behaviour.NORMAL, new Behaviour(10, 0, 0, 503, null), Behaviour.NORMAL),
      Duration.ofSeconds(2), new MessagingProperties.Smtp(0, null, 10, 4096, 10, Duration.ofSeconds(5)),
      new MessagingProperties.Sms(10, 160), new MessagingProperties.Push(10, 10, 10, 10),
      new MessagingProperties.Idempotency(Duration.ofHours(1), 10, 100), 100, null));

  @Test
  void eachChannelHasItsOwnBehaviour() {
    control.replace(Channel.PUSH, new Behaviour(0, 0, 1, 500, null));

    assertThat(control.decide(Channel.PUSH)).isEqualTo(new Fault(0, true, 500));
    assertThat(control.decide(Channel.SMS)).isEqualTo(new Fault(10, false, 503));
    assertThat(control.decide(Channel.MAIL).fail()).isFalse();
  }

  @Test
  void aSeededBehaviourRepeatsItsChoicesEachTimeItIsPut() {
    Behaviour seeded = new Behaviour(5, 100, 0.5, 503, 42L);
    control.replace(Channel.MAIL, seeded);
    var first = IntStream.range(0, 20).mapToObj(i -> control.decide(Channel.MAIL)).toList();
    control.replace(Channel.MAIL, seeded);
    var second = IntStream.range(0, 20).mapToObj(i -> control.decide(Channel.MAIL)).toList();

    assertThat(second).isEqualTo(first);
    assertThat(first).anyMatch(Fault::fail).anyMatch(f -> !f.fail());
    assertThat(first).allMatch(f -> f.delayMs() >= 5 && f.delayMs() <= 105);
  }

  @Test
  void resetComesBackToTheConfiguredBehaviour() {
    control.replace(Channel.SMS, new Behaviour(0, 0, 1, 503, null));
    control.reset(Channel.SMS);

    assertThat(control.current(Channel.SMS).latencyMs()).isEqualTo(10);
    assertThat(control.current(Channel.SMS).failureRate()).isZero();
  }

  @Test
  void refusesLatencyBeyondTheLimit() {
    assertThatThrownBy(() -> control.replace(Channel.SMS, new Behaviour(1_500, 600, 0, 503, null)))
        .isInstanceOf(InvalidBehaviourException.class).hasMessageContaining("2000");
  }
}
