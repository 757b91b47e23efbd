package dev.emporium.shipping;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The shipping service: a shipment, with a carrier and a tracking number, for every order whose
 * stock is reserved and whose address it can serve; cancelled with its order until it is handed
 * over to the carrier. Runs as its own process: {@code java -jar emporium-shipping.jar},
 * configured by environment variables (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShippingApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShippingApplication.class, args);
  }
}
