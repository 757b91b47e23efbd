package dev.emporium.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AnalyticsPropertiesTest {

  @Test
  void defaultsReadEverySagaTopicAndAllowAMonth() {
    AnalyticsProperties properties = bind(Map.of());

    assertThat(properties.orderTopic()).isEqualTo("order-events");
    assertThat(properties.paymentTopic()).isEqualTo("payment-events");
    assertThat(properties.inventoryTopic()).isEqualTo("inventory-events");
    assertThat(properties.shippingTopic()).isEqualTo("shipping-events");
    assertThat(properties.maxRange()).isEqualTo(Duration.ofDays(31));
  }

  @Test
  void refusesARangeLimitOutsideAnHourToAYear() {
    assertThat(bind(Map.of("emporium.analytics.max-range", "90d")).maxRange()).isEqualTo(Duration.ofDays(90));
    assertThatThrownBy(() -> bind(Map.of("emporium.analytics.max-range", "30m"))).hasStackTraceContaining("max-range");
    assertThatThrownBy(() -> bind(Map.of("emporium.analytics.max-range", "400d"))).hasStackTraceContaining("max-range");
  }

  private static AnalyticsProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("emporium.analytics", AnalyticsProperties.class);
  }
}
