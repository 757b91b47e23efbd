package dev.emporium.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.notification.MessagingSimulator;
import dev.emporium.notification.NotificationProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** SMTP sessions kept open between mails, against the messaging simulator's real SMTP sink. */
class MailConnectionsIT {

  private MessagingSimulator simulator;
  private MailConnections connections;

  @AfterEach
  void close() {
    if (connections != null) connections.destroy();
    if (simulator != null) {
      simulator.heal();
      simulator.close();
    }
  }

  private MailConnections connections(Duration idleTimeout, int mailsPerConnection, int maxIdle) {
    JavaMailSenderImpl mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(simulator.smtpPort());
    mail.getJavaMailProperties().put("mail.smtp.timeout", "5000");
    connections = new MailConnections(mail, new NotificationProperties.Email("orders@emporium.local", "Emporium",
        "notification.emporium.local", idleTimeout, mailsPerConnection, maxIdle));
    return connections;
  }

  private static MimeMessage mail() throws MessagingException {
    MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
    message.setFrom(new InternetAddress("orders@emporium.local"));
    message.setRecipients(MimeMessage.RecipientType.TO, "shopper-" + UUID.randomUUID() + "@emporium.test");
    message.setSubject("Your order");
    message.setText("Thank you.");
    return message;
  }

  @ParameterizedTest(name = "{0} mails, {1} per session, {2} kept idle: {3} sessions")
  @CsvSource({
      "5, 100, 8, 1", // one session carries them all
      "5, 2, 8, 3",   // a new one once a session has carried its mails
      "3, 100, 0, 3", // none kept open: one per mail
  })
  void opensOnlyTheSessionsTheLimitsCallFor(int mails, int mailsPerConnection, int maxIdle, int sessions)
      throws Exception {
    simulator = MessagingSimulator.start(Map.of());
    MailConnections connections = connections(Duration.ofSeconds(10), mailsPerConnection, maxIdle);

    for (int i = 0; i < mails; i++) connections.send(mail());

    assertThat(simulator.mailsReceived()).isEqualTo(mails);
    assertThat(connections.opened()).isEqualTo(sessions);
  }

  @Test
  void doesNotUseASessionIdleLongerThanTheIdleTimeout() throws Exception {
    simulator = MessagingSimulator.start(Map.of());
    MailConnections connections = connections(Duration.ofMillis(200), 100, 8);

    connections.send(mail());
    Thread.sleep(400);
    connections.send(mail());

    assertThat(simulator.mailsReceived()).isEqualTo(2);
    assertThat(connections.opened()).isEqualTo(2);
  }

  @Test
  void sendsAgainOnANewSessionWhenTheServerClosedTheIdleOne() throws Exception {
    // The sink closes sessions idle for 300 ms; ours would keep them ten seconds.
    simulator = MessagingSimulator.start(Map.of("emporium.messaging.smtp.connection-timeout", "300ms"));
    MailConnections connections = connections(Duration.ofSeconds(10), 100, 8);

    connections.send(mail());
    Thread.sleep(1_000);
    connections.send(mail());

    assertThat(simulator.mailsReceived()).isEqualTo(2);
    assertThat(connections.opened()).isEqualTo(2);
  }

  @Test
  void closesASessionWhoseMailWasRefusedAndSendsTheNextOnANewOne() throws Exception {
    simulator = MessagingSimulator.start(Map.of());
    MailConnections connections = connections(Duration.ofSeconds(10), 100, 8);
    connections.send(mail());
    assertThat(simulator.client().put("/admin/behaviour/mail", Map.of("failureRate", 1.0)).status()).isEqualTo(200);

    assertThatThrownBy(() -> connections.send(mail())).isInstanceOf(MessagingException.class)
        .satisfies(e -> assertThat(EmailDelivery.smtpReplyCode(e)).isEqualTo(451));
    simulator.heal();
    connections.send(mail());

    assertThat(simulator.mailsReceived()).isEqualTo(2);
    assertThat(connections.opened()).isEqualTo(2);
  }
}
