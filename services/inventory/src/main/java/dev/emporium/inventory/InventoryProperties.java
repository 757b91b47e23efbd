package dev.emporium.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inventory service's own settings ({@code emporium.inventory.*}), checked at start-up.
 *
 * @param topic where inventory events are published
 * @param paymentTopic where PaymentProcessed arrives (the payment service's topic)
 * @param orderTopic where OrderCancelled arrives (the order service's topic)
 * @param consumerGroup the Kafka consumer group of this service's listeners
 * @param listenerConcurrency consumer threads per listener: up to one per partition; reservations of
 *     different orders then run in parallel, which the row locks make safe
 * @param maxRestockQuantity the largest quantity one restock may add
 * @param maxOrderLines the most lines one order may ask to reserve
 * @param maxLineQuantity the largest quantity one line may ask for
 */
@ConfigurationProperties("emporium.inventory")
public record InventoryProperties(
    @DefaultValue("inventory-events") String topic,
    @DefaultValue("payment-events") String paymentTopic,
    @DefaultValue("order-events") String orderTopic,
    @DefaultValue("inventory") String consumerGroup,
    @DefaultValue("3") int listenerConcurrency,
    @DefaultValue("1000000") int maxRestockQuantity,
    @DefaultValue("100") int maxOrderLines,
    @DefaultValue("1000000") int maxLineQuantity) {

  public InventoryProperties {
    require(!topic.isBlank() && !paymentTopic.isBlank() && !orderTopic.isBlank(), "topics must not be blank");
    require(!consumerGroup.isBlank(), "consumer-group must not be blank");
    require(listenerConcurrency >= 1 && listenerConcurrency <= 64, "listener-concurrency must be in 1..64");
    require(maxRestockQuantity >= 1, "max-restock-quantity must be at least 1");
    require(maxOrderLines >= 1 && maxOrderLines <= 10_000, "max-order-lines must be in 1..10000");
    require(maxLineQuantity >= 1, "max-line-quantity must be at least 1");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.inventory." + message);
    }
  }
}
