package dev.emporium.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The analytics service: reads every topic of the order saga into its own aggregates (orders and
 * revenue per hour, the order funnel, cancellations by reason) and answers admins' questions about
 * them. Runs as its own process: {@code java -jar emporium-analytics.jar}, configured by environment
 * variables (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsApplication {

  public static void main(String[] args) {
    SpringApplication.run(AnalyticsApplication.class, args);
  }
}
