package dev.emporium.messaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The messaging simulator: a stand-in for the providers the notification service delivers through.
 * An SMTP sink keeps the mails it receives ({@code GET /v1/mail}); an SMS API ({@code /v1/sms}) and a
 * push API ({@code /v1/push}) take messages under idempotency keys; latency and failures per channel
 * change at runtime through {@code /admin/behaviour}. All state is in memory and bounded. Runs as its
 * own process: {@code java -jar emporium-messaging-simulator-exec.jar} (docs/services.md lists its settings).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessagingApplication {

  public static void main(String[] args) {
    SpringApplication.run(MessagingApplication.class, args);
  }
}
