package dev.emporium.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecommendationPropertiesTest {

  @Test
  void thePopularWindowIsCountedInWholeDaysRoundedUp() {
    assertThat(properties(Duration.ofDays(30), 10, 50).popularWindowDays()).isEqualTo(30);
    assertThat(properties(Duration.ofHours(36), 10, 50).popularWindowDays()).isEqualTo(2);
  }

  @Test
  void badSettingsStopTheStartNamingTheProperty() {
    assertThatThrownBy(() -> properties(Duration.ofHours(1), 10, 50))
        .hasMessageContaining("emporium.recommendation.popular-window");
    assertThatThrownBy(() -> properties(Duration.ofDays(30), 60, 50))
        .hasMessageContaining("emporium.recommendation.default-limit");
    assertThatThrownBy(() -> properties(Duration.ofDays(30), 10, 0))
        .hasMessageContaining("emporium.recommendation.max-limit");
  }

  private static RecommendationProperties properties(Duration window, int defaultLimit, int maxLimit) {
    return new RecommendationProperties("product-events", "order-events", "recommendation", 3, window,
        Duration.ofMinutes(10), defaultLimit,
        maxLimit, 20, 50, 100, Duration.ofMinutes(5), Duration.ofMinutes(1));
  }
}
