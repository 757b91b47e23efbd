package dev.emporium.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.messaging.behaviour.Behaviour;
import dev.emporium.messaging.behaviour.InvalidBehaviourException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessagingPropertiesTest {

  static MessagingProperties.Behaviours normal() {
    return new MessagingProperties.Behaviours(Behaviour.NORMAL, Behaviour.NORMAL, Behaviour.NORMAL);
  }

  @Test
  void refusesAStartUpBehaviourSlowerThanTheLatencyLimit() {
    Behaviour slow = new Behaviour(5_000, 1, 0, 503, null);
    assertThatThrownBy(() -> new MessagingProperties(new MessagingProperties.Behaviours(Behaviour.NORMAL, slow,
        Behaviour.NORMAL), Duration.ofSeconds(5), smtp(2525), sms(), push(), keys(), 100, null))
        .hasMessageContaining("emporium.messaging.behaviour.<channel>.latency-ms");
  }

  @Test
  void refusesLimitsThatCannotWork() {
    assertThatThrownBy(() -> smtp(70_000)).hasMessageContaining("smtp.port");
    assertThatThrownBy(() -> new MessagingProperties.Sms(0, 10)).hasMessageContaining("sms.max-deliveries");
    assertThatThrownBy(() -> new MessagingProperties.Idempotency(Duration.ZERO, 1, 1)).hasMessageContaining("ttl");
    assertThatThrownBy(() -> new MessagingProperties(normal(), Duration.ofSeconds(1), smtp(0), sms(), push(), keys(),
        0, null)).hasMessageContaining("max-list-limit");
  }

  @Test
  void aBlankAdminTokenMeansNone() {
    assertThat(new MessagingProperties(normal(), Duration.ofSeconds(1), smtp(0), sms(), push(), keys(), 10, " ")
        .adminToken()).isNull();
  }

  @Test
  void aBehaviourNamesTheFieldItBreaks() {
    assertThatThrownBy(() -> new Behaviour(0, 0, 1.5, 503, null)).isInstanceOf(InvalidBehaviourException.class)
        .extracting(e -> ((InvalidBehaviourException) e).field()).isEqualTo("failureRate");
    assertThatThrownBy(() -> new Behaviour(0, 0, 0, 502, null))
        .extracting(e -> ((InvalidBehaviourException) e).field()).isEqualTo("failureStatus");
  }

  private static MessagingProperties.Smtp smtp(int port) {
    return new MessagingProperties.Smtp(port, null, 10, 4096, 10, Duration.ofSeconds(5));
  }

  private static MessagingProperties.Sms sms() {
    return new MessagingProperties.Sms(10, 160);
  }

  private static MessagingProperties.Push push() {
    return new MessagingProperties.Push(10, 10, 10, 10);
  }

  private static MessagingProperties.Idempotency keys() {
    return new MessagingProperties.Idempotency(Duration.ofHours(1), 10, 100);
  }
}
