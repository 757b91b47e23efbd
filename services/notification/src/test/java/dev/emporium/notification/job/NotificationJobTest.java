package dev.emporium.notification.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationJobTest {

  @Test
  void theJobIdIsTheEventIdAndTheChannel() {
    assertThat(NotificationJob.idOf("3f0c8a4e-7a57-4a4e-9a0e-1b0f9e6f2c11", "/services/order", Channel.SMS))
        .isEqualTo("3f0c8a4e-7a57-4a4e-9a0e-1b0f9e6f2c11.sms");
  }

  @Test
  void anEventIdThatIsNoPlainTokenBecomesANameBasedUuidTheSameEveryTime() {
    String first = NotificationJob.idOf("order 42 <created>", "/services/order", Channel.EMAIL);

    assertThat(first).matches("[0-9a-f-]{36}\\.email");
    assertThat(NotificationJob.idOf("order 42 <created>", "/services/order", Channel.EMAIL)).isEqualTo(first);
    assertThat(NotificationJob.idOf("order 42 <created>", "/services/other", Channel.EMAIL)).isNotEqualTo(first);
  }
}
