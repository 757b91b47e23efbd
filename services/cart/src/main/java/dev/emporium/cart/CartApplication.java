package dev.emporium.cart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The cart service: each signed-in user's cart, with prices snapshotted from the product service
 * (gRPC) and expiry after a week of inactivity, kept in Redis or PostgreSQL. Runs as its own
 * process: {@code java -jar emporium-cart.jar}, configured by environment variables (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CartApplication {

  public static void main(String[] args) {
    SpringApplication.run(CartApplication.class, args);
  }
}
