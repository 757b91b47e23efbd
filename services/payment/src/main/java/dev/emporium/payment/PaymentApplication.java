package dev.emporium.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The payment service: the payment step of the order saga. Records a payment for each
 * {@code OrderCreated}, charges the card processor outside any transaction or Kafka poll (with a
 * timeout, retries, a circuit breaker and a bulkhead), refunds on {@code OrderCancelled}, and
 * publishes the outcome through the outbox. Runs as its own process:
 * {@code java -jar emporium-payment.jar}, configured by environment variables (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentApplication {

  public static void main(String[] args) {
    SpringApplication.run(PaymentApplication.class, args);
  }
}
