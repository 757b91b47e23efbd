package dev.emporium.gateway.policy.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a live override and the configuration file's split replace one another. */
class LiveSplitTest {

  private static TrafficSplitConfig split(int v1, int v2) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("v1", v1);
    weights.put("v2", v2);
    return new TrafficSplitConfig(weights, List.of(), null);
  }

  private final LiveSplit live = new LiveSplit("orders", new SimpleMeterRegistry());

  @Test
  void overrideSurvivesAReloadThatLeavesTheFileSplitAlone() {
    live.fromFile(split(90, 10));
    live.override(split(50, 50));

    live.fromFile(split(90, 10));

    assertThat(live.snapshot().overridden()).isTrue();
    assertThat(live.snapshot().active()).isEqualTo(split(50, 50));
  }

  @Test
  void aChangedFileSplitReplacesTheOverride() {
    live.fromFile(split(90, 10));
    live.override(split(50, 50));

    live.fromFile(split(80, 20));

    assertThat(live.snapshot().overridden()).isFalse();
    assertThat(live.snapshot().active()).isEqualTo(split(80, 20));
  }

  @Test
  void resetReturnsToTheFileSplit() {
    live.fromFile(split(90, 10));
    live.override(split(0, 100));

    live.reset();

    assertThat(live.snapshot().overridden()).isFalse();
    assertThat(live.snapshot().active()).isEqualTo(split(90, 10));
  }

  @Test
  void overrideMayNameOnlyClustersTheFileSplitNames() {
    live.fromFile(split(90, 10));
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("v1", 50);
    weights.put("payments", 50);

    assertThatThrownBy(() -> live.override(new TrafficSplitConfig(weights, List.of(), null)))
        .isInstanceOfSatisfying(SplitConfigException.class, e -> {
          assertThat(e.field()).isEqualTo("weights.payments");
          assertThat(e.getMessage()).contains("not a target of route 'orders'").contains("v1, v2");
        });
    assertThat(live.snapshot().active()).isEqualTo(split(90, 10));
  }
}
