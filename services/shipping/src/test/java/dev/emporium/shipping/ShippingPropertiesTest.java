package dev.emporium.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ShippingPropertiesTest {

  @Test
  void defaultsServeEuropeAndNorthAmericaWithNationalCarriers() {
    ShippingProperties properties = bind(Map.of());

    assertThat(properties.topic()).isEqualTo("shipping-events");
    assertThat(properties.orderTopic()).isEqualTo("order-events");
    assertThat(properties.inventoryTopic()).isEqualTo("inventory-events");
    assertThat(properties.serves("de")).isTrue();
    assertThat(properties.serves("JP")).isFalse();
    assertThat(properties.carrierFor("DE")).isEqualTo("DHL");
    assertThat(properties.carrierFor("it")).as("served, no carrier named").isEqualTo("Emporium Post");
    assertThat(properties.trackingPrefix()).isEqualTo("EMP");
  }

  @Test
  void countriesAndCarriersAreSettingsInAnyCase() {
    ShippingProperties properties = bind(Map.of("emporium.shipping.serviceable-countries", "jp, kr",
        "emporium.shipping.carriers.jp", "Japan Post", "emporium.shipping.default-carrier", "EMS"));

    assertThat(properties.serviceableCountries()).containsExactly("JP", "KR");
    assertThat(properties.carrierFor("JP")).isEqualTo("Japan Post");
    assertThat(properties.carrierFor("KR")).isEqualTo("EMS");
    assertThat(properties.carrierFor("DE")).as("configured carriers replace the defaults").isEqualTo("EMS");
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> bind(Map.of("emporium.shipping.serviceable-countries", "Germany")))
        .hasStackTraceContaining("alpha-2");
    assertThatThrownBy(() -> bind(Map.of("emporium.shipping.tracking-prefix", "emp1")))
        .hasStackTraceContaining("tracking-prefix");
    assertThatThrownBy(() -> bind(Map.of("emporium.shipping.listener-concurrency", "0")))
        .hasStackTraceContaining("listener-concurrency");
  }

  private static ShippingProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("emporium.shipping", ShippingProperties.class);
  }
}
