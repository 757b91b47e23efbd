package dev.emporium.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class InventoryPropertiesTest {

  @Test
  void defaultsFollowTheSpec() {
    InventoryProperties properties = bind(Map.of());

    assertThat(properties.topic()).isEqualTo("inventory-events");
    assertThat(properties.paymentTopic()).isEqualTo("payment-events");
    assertThat(properties.orderTopic()).isEqualTo("order-events");
    assertThat(properties.maxRestockQuantity()).isEqualTo(1_000_000);
  }

  @Test
  void limitsAreSettings() {
    InventoryProperties properties = bind(Map.of("emporium.inventory.max-restock-quantity", "500",
        "emporium.inventory.max-order-lines", "10"));

    assertThat(properties.maxRestockQuantity()).isEqualTo(500);
    assertThat(properties.maxOrderLines()).isEqualTo(10);
  }

  @Test
  void refusesLimitsThatAllowNothing() {
    assertThatThrownBy(() -> bind(Map.of("emporium.inventory.max-restock-quantity", "0")))
        .hasStackTraceContaining("max-restock-quantity");
    assertThatThrownBy(() -> bind(Map.of("emporium.inventory.listener-concurrency", "0")))
        .hasStackTraceContaining("listener-concurrency");
  }

  private static InventoryProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("emporium.inventory", InventoryProperties.class);
  }
}
