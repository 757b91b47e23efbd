package dev.emporium.psp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The PSP simulator: a stand-in for the external card processor the payment service charges over
 * HTTP. Charges and refunds with idempotency keys, test payment methods, and latency, failures and
 * timeouts that drills change at runtime through {@code /admin/behaviour}. All state is in memory
 * and bounded. Runs as its own process: {@code java -jar emporium-psp-simulator.jar}
 * (docs/services.md lists its settings).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PspApplication {

  public static void main(String[] args) {
    SpringApplication.run(PspApplication.class, args);
  }
}
