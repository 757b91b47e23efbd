package dev.emporium.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NoticeKind;
import dev.emporium.notification.queue.RetryDelayMode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NotificationPropertiesTest {

  @Test
  void theDefaultChannelsAreMailForAllPushForPaymentShipmentAndCancelSmsForShipment() {
    NotificationProperties.Channels channels = new NotificationProperties.Channels(Set.of(Channel.EMAIL),
        Set.of(Channel.EMAIL, Channel.PUSH), Set.of(Channel.EMAIL, Channel.PUSH, Channel.SMS),
        Set.of(Channel.EMAIL, Channel.PUSH));

    assertThat(channels.of(NoticeKind.SHIPMENT_CREATED)).containsExactlyInAnyOrder(Channel.values());
    assertThat(channels.of(NoticeKind.ORDER_CREATED)).containsExactly(Channel.EMAIL);
    assertThat(new NotificationProperties.Channels(null, Set.of(), Set.of(), Set.of()).of(NoticeKind.ORDER_CREATED))
        .isEmpty();
  }

  @Test
  void refusesQueueNamesThatCannotWork() {
    assertThatThrownBy(() -> new NotificationProperties.Queues("email queue", "sms", "push"))
        .hasMessageContaining("emporium.notification.queues");
    assertThatThrownBy(() -> new NotificationProperties.Queues("jobs", "jobs", "push"))
        .hasMessageContaining("three different queues");
  }

  @Test
  void refusesARetryPolicyOutsideItsBounds() {
    assertThatThrownBy(() -> new NotificationProperties.Retry(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1),
        RetryDelayMode.DEAD_LETTER_TTL))
        .hasMessageContaining("retry.max-attempts");
    assertThatThrownBy(() -> new NotificationProperties.Retry(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1),
        RetryDelayMode.DEAD_LETTER_TTL))
        .hasMessageContaining("retry.max-delay");
    assertThatThrownBy(() -> new NotificationProperties.Retry(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1),
        RetryDelayMode.DEAD_LETTER_TTL))
        .hasMessageContaining("retry.multiplier");
  }

  @Test
  void theRetryDelayModeIsDeadLetterTtlUnlessHeldIsNamed() {
    assertThat(bind(Map.of()).retry().delayMode()).isEqualTo(RetryDelayMode.DEAD_LETTER_TTL);
    assertThat(bind(Map.of("emporium.notification.retry.delay-mode", "held")).retry().delayMode())
        .isEqualTo(RetryDelayMode.HELD);
    assertThat(bind(Map.of("emporium.notification.retry.delay-mode", "dead-letter-ttl")).retry().delayMode())
        .isEqualTo(RetryDelayMode.DEAD_LETTER_TTL);
  }

  @Test
  void refusesAnUnknownRetryDelayModeNamingTheSetting() {
    assertThatThrownBy(() -> bind(Map.of("emporium.notification.retry.delay-mode", "ttl")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("emporium.notification.retry.delay-mode");
  }

  @Test
  void refusesASenderThatIsNoAddress() {
    assertThatThrownBy(() -> bind(Map.of("emporium.notification.email.from", "orders")))
        .isInstanceOf(BindException.class)
        .hasStackTraceContaining("email.from");
  }

  @Test
  void keepsMailSessionsOpenTenSecondsForAHundredMailsByDefault() {
    NotificationProperties.Email email = bind(Map.of()).email();

    assertThat(email.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(email.mailsPerConnection()).isEqualTo(100);
    assertThat(email.maxIdleConnections()).isEqualTo(8);
  }

  @Test
  void refusesMailSessionLimitsOutOfRangeNamingThem() {
    assertThatThrownBy(() -> bind(Map.of("emporium.notification.email.mails-per-connection", "0")))
        .isInstanceOf(BindException.class)
        .hasStackTraceContaining("email.mails-per-connection");
    assertThatThrownBy(() -> bind(Map.of("emporium.notification.email.connection-idle-timeout", "0s")))
        .isInstanceOf(BindException.class)
        .hasStackTraceContaining("email.connection-idle-timeout");
    assertThatThrownBy(() -> bind(Map.of("emporium.notification.email.max-idle-connections", "-1")))
        .isInstanceOf(BindException.class)
        .hasStackTraceContaining("email.max-idle-connections");
  }

  private static NotificationProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("emporium.notification", NotificationProperties.class);
  }
}
