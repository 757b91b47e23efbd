package dev.emporium.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NoticeKind;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
    assertThatThrownBy(() -> new NotificationProperties.Retry(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)))
        .hasMessageContaining("retry.max-attempts");
    assertThatThrownBy(() -> new NotificationProperties.Retry(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
        .hasMessageContaining("retry.max-delay");
    assertThatThrownBy(() -> new NotificationProperties.Retry(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
        .hasMessageContaining("retry.multiplier");
  }

  @Test
  void refusesASenderThatIsNoAddress() {
    assertThatThrownBy(() -> new NotificationProperties.Email("orders", "Emporium", "example.org"))
        .hasMessageContaining("email.from");
  }
}
