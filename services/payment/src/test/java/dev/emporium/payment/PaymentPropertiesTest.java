package dev.emporium.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PaymentPropertiesTest {

  @Test
  void defaultsAreThePlatformsResilienceNumbers() {
    PaymentProperties p = bind(Map.of());

    assertThat(p.onProcessorUnavailable()).isEqualTo(PaymentProperties.UnavailableMode.FAIL);
    assertThat(p.processor().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.processor().retry().maxRetries()).isEqualTo(3);
    assertThat(p.processor().retry().initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.processor().retry().multiplier()).isEqualTo(2);
    assertThat(p.processor().retry().jitter()).isEqualTo(0.2);
    assertThat(p.processor().breaker().failureRateThreshold()).isEqualTo(50);
    assertThat(p.processor().breaker().slidingWindowSize()).isEqualTo(10);
    assertThat(p.processor().breaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.processor().breaker().halfOpenCalls()).isEqualTo(3);
    assertThat(p.processor().bulkhead().maxConcurrentCalls()).isEqualTo(50);
    assertThat(p.topic()).isEqualTo("payment-events");
    assertThat(p.orderTopic()).isEqualTo("order-events");
  }

  @Test
  void waitModeIsChosenByName() {
    assertThat(bind(Map.of("emporium.payment.on-processor-unavailable", "wait")).onProcessorUnavailable())
        .isEqualTo(PaymentProperties.UnavailableMode.WAIT);
  }

  @Test
  void aLeaseShorterThanAChargeWithItsRetriesIsRefused() {
    // 4 calls of 10 s plus pauses of up to 1.2 + 2.4 + 4.8 s: 48.4 s.
    assertThatThrownBy(() -> bind(Map.of("emporium.payment.charger.lease", "45s")))
        .rootCause().hasMessageContaining("emporium.payment.charger.lease");
    assertThat(bind(Map.of("emporium.payment.charger.lease", "49s")).charger().lease()).isEqualTo(Duration.ofSeconds(49));
  }

  @Test
  void outOfRangeSettingsAreRefusedNamingTheProperty() {
    assertThatThrownBy(() -> bind(Map.of("emporium.payment.processor.breaker.failure-rate-threshold", "0")))
        .rootCause().hasMessageContaining("failure-rate-threshold");
    assertThatThrownBy(() -> bind(Map.of("emporium.payment.processor.bulkhead.max-concurrent-calls", "0")))
        .rootCause().hasMessageContaining("max-concurrent-calls");
    assertThatThrownBy(() -> bind(Map.of("emporium.payment.processor.retry.jitter", "1")))
        .rootCause().hasMessageContaining("jitter");
  }

  private static PaymentProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("emporium.payment", PaymentProperties.class);
  }
}
