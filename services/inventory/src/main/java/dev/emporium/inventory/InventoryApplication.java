package dev.emporium.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The inventory service: stock per product and warehouse, reservations of paid orders (all lines or
 * none, never overselling), releases on cancellation, and the admins' restock. Runs as its own
 * process: {@code java -jar emporium-inventory.jar}, configured by environment variables
 * (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InventoryApplication {

  public static void main(String[] args) {
    SpringApplication.run(InventoryApplication.class, args);
  }
}
