package dev.emporium.order;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderPropertiesTest {

  @Test
  void limitsBeyondTheEventContractFailAtStartUpNamingTheProperty() {
    assertThatThrownBy(() -> new OrderProperties.Limits(51, 100, 255, 100, 200, 100, 20, 64))
        .hasMessageContaining("emporium.order.limits.max-lines");
    assertThatThrownBy(() -> new OrderProperties.Limits(50, 101, 255, 100, 200, 100, 20, 64))
        .hasMessageContaining("max-quantity");
    assertThatThrownBy(() -> new OrderProperties.Limits(50, 100, 255, 100, 200, 100, 20, 65))
        .hasMessageContaining("max-payment-method-length");
    assertThatThrownBy(() -> new OrderProperties.Saga(Duration.ZERO, Duration.ofSeconds(5), 100))
        .hasMessageContaining("saga.step-timeout");
    assertThatThrownBy(() -> new OrderProperties.PageSize(200, 100)).hasMessageContaining("page-size.default-limit");
    assertThatThrownBy(() -> new OrderProperties.Catalog("product", Duration.ZERO))
        .hasMessageContaining("catalog.deadline");
  }
}
