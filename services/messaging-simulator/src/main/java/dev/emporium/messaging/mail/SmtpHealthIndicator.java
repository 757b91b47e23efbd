package dev.emporium.messaging.mail;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Up while the SMTP sink listens; a member of the {@code ready} group (as "smtp"). */
@Component("smtp")
class SmtpHealthIndicator extends AbstractHealthIndicator {

  private final SmtpSink sink;

  SmtpHealthIndicator(SmtpSink sink) {
    super("SMTP sink health check failed");
    this.sink = sink;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (sink.isRunning()) {
      builder.up().withDetail("port", sink.port());
    } else {
      builder.down();
    }
  }
}
