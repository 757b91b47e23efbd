package dev.emporium.gateway.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthStateTest {

  @Test
  void turnsUnhealthyOnlyAfterThresholdConsecutiveFailures() {
    HealthState state = new HealthState(3, 2, true);

    assertThat(state.record(false)).isTrue();
    assertThat(state.record(false)).isTrue();
    assertThat(state.record(false)).isFalse();
    assertThat(state.healthy()).isFalse();
  }

  @Test
  void turnsHealthyAgainOnlyAfterThresholdConsecutivePasses() {
    HealthState state = new HealthState(3, 2, false);

    assertThat(state.record(true)).isFalse();
    assertThat(state.record(true)).isTrue();
  }

  @Test
  void aPassInterruptsAStreakOfFailures() {
    HealthState state = new HealthState(3, 2, true);

    state.record(false);
    state.record(false);
    state.record(true);
    state.record(false);
    assertThat(state.record(false)).isTrue();
    assertThat(state.record(false)).isFalse();
  }

  @Test
  void aFailureInterruptsAStreakOfPasses() {
    HealthState state = new HealthState(1, 3, false);

    state.record(true);
    state.record(true);
    state.record(false);
    state.record(true);
    assertThat(state.record(true)).isFalse();
    assertThat(state.record(true)).isTrue();
  }

  @Test
  void passesKeepAHealthyEndpointHealthyAndFailuresKeepAnUnhealthyOneDown() {
    HealthState healthy = new HealthState(2, 2, true);
    HealthState unhealthy = new HealthState(2, 2, false);

    for (int i = 0; i < 10; i++) {
      assertThat(healthy.record(true)).isTrue();
      assertThat(unhealthy.record(false)).isFalse();
    }
  }

  @Test
  void goesRoundTheWholeCycle() {
    HealthState state = new HealthState(1, 1, true);

    assertThat(state.record(false)).isFalse();
    assertThat(state.record(true)).isTrue();
    assertThat(state.record(false)).isFalse();
  }
}
