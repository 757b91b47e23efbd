package dev.emporium.notification;

import dev.emporium.messaging.MessagingApplication;
import dev.emporium.messaging.mail.Mailbox;
import dev.emporium.messaging.mail.SmtpSink;
import dev.emporium.platform.testing.HttpTestClient;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real messaging simulator, started once per test JVM as a Spring context of its own on
 * random HTTP and SMTP ports. It runs on this module's test classpath, so the notification
 * service's own configuration is kept out of it (no application.properties is read) and the
 * auto-configurations it does not use (Kafka, RabbitMQ, mail, JDBC, events) are off.
 */
public final class MessagingSimulator implements AutoCloseable {

  private static volatile MessagingSimulator shared;

  private final ConfigurableApplicationContext context;

  private MessagingSimulator(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static MessagingSimulator shared() {
    MessagingSimulator simulator = shared;
    if (simulator == null) {
      synchronized (MessagingSimulator.class) {
        simulator = shared;
        if (simulator == null) {
          simulator = start(Map.of());
          shared = simulator;
        }
      }
    }
    return simulator;
  }

  /** A simulator of the caller's own, with {@code properties} on top of the defaults; close it. */
  public static MessagingSimulator start(Map<String, String> properties) {
    Map<String, Object> all = new HashMap<>(Map.of(
        "spring.config.name", "messaging-simulator-in-tests",
        "spring.application.name", "messaging-simulator",
        "server.port", "0",
        "emporium.messaging.smtp.port", "0",
        "emporium.messaging.max-list-limit", "1000",
        "management.endpoint.health.group.ready.include", "readinessState,smtp",
        "spring.autoconfigure.exclude", String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
            "dev.emporium.platform.events.EventsAutoConfiguration")));
    all.putAll(properties);
    return new MessagingSimulator(new SpringApplicationBuilder(MessagingApplication.class).properties(all).run());
  }

  /** The mails the SMTP sink holds. */
  public int mailsReceived() {
    return context.getBean(Mailbox.class).size();
  }

  @Override
  public void close() {
    if (this != shared) {
      context.close();
    }
  }

  public int httpPort() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public int smtpPort() {
    return context.getBean(SmtpSink.class).port();
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort();
  }

  public HttpTestClient client() {
    return HttpTestClient.forPort(httpPort());
  }

  /** Every channel back to normal: no latency, no failures. */
  public void heal() {
    client().delete("/admin/behaviour");
  }
}
