package dev.emporium.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The product service: the catalogue, its search, price checks over gRPC for other services, and
 * ProductCreated / ProductUpdated events. Runs as its own process: {@code java -jar emporium-product.jar},
 * configured by environment variables (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProductApplication.class, args);
  }
}
