package dev.emporium.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The notification service: reads the order saga's events, turns each into notification jobs
 * (email, SMS, push) on AMQP queues (RabbitMQ, or Qpid Broker-J), and delivers them through the
 * mail server and the SMS and push providers, with retries, backoff and dead-letter queues. It has
 * no database: its idempotency comes from each job's deterministic id. Runs as its own process:
 * {@code java -jar emporium-notification.jar} (docs/services.md lists its settings).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotificationApplication.class, args);
  }
}
