package dev.emporium.psp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.psp.behaviour.Behaviour;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PspPropertiesTest {

  static final PspProperties.Idempotency KEYS = new PspProperties.Idempotency(Duration.ofHours(1), 10, 255);

  @Test
  void rejectsLimitsThatCannotWork() {
    assertThatThrownBy(() -> new PspProperties(Behaviour.NORMAL, Duration.ZERO, Duration.ofSeconds(1), BigDecimal.TEN,
        10, KEYS, null)).hasMessage("emporium.psp.timeout-hold must be positive");
    assertThatThrownBy(() -> new PspProperties(Behaviour.NORMAL, Duration.ofSeconds(1), Duration.ofSeconds(1),
        BigDecimal.ZERO, 10, KEYS, null)).hasMessage("emporium.psp.max-amount must be positive");
    assertThatThrownBy(() -> new PspProperties(Behaviour.NORMAL, Duration.ofSeconds(1), Duration.ofSeconds(1),
        BigDecimal.TEN, 0, KEYS, null)).hasMessage("emporium.psp.max-charges must be at least 1");
    assertThatThrownBy(() -> new PspProperties.Idempotency(Duration.ofHours(1), 0, 255))
        .hasMessage("emporium.psp.idempotency.max-keys must be at least 1");
  }

  @Test
  void rejectsAStartingLatencyAboveTheLimit() {
    assertThatThrownBy(() -> new PspProperties(new Behaviour(900, 200, 0, 0, null), Duration.ofSeconds(1),
        Duration.ofSeconds(1), BigDecimal.TEN, 10, KEYS, null))
        .hasMessageContaining("must be at most max-latency");
  }
}
