package dev.emporium.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The order service: places orders priced from the product catalogue (gRPC), idempotently per
 * {@code Idempotency-Key}, and follows each through the order saga (payment, inventory, shipping
 * events) to COMPLETED or CANCELLED, keeping its timeline. Runs as its own process:
 * {@code java -jar emporium-order.jar}, configured by environment variables (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrderApplication.class, args);
  }
}
