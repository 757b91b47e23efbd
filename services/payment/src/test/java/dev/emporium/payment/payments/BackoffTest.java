package dev.emporium.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.payment.PaymentProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BackoffTest {

  private final Payments payments = new Payments(null, null, null, null, null, new Binder(
      new MapConfigurationPropertySource(Map.of("emporium.payment.charger.wait-initial-delay", "1s",
          "emporium.payment.charger.wait-max-delay", "10s")))
      .bindOrCreate("emporium.payment", PaymentProperties.class), null, null);

  @Test
  void waitingPaymentsBackOffDoublingPerRoundWithinTwentyPercent() {
    assertThat(payments.backoff(0)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    assertThat(payments.backoff(1)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
    assertThat(payments.backoff(3)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(9600));
  }

  @Test
  void theBackoffStopsGrowingAtItsMaximum() {
    assertThat(payments.backoff(4)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    assertThat(payments.backoff(1_000)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
  }
}
