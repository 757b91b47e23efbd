package dev.emporium.cart.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the cart follows the order service's events ({@code emporium.cart.orders.*}).
 *
 * @param enabled whether this instance listens (off, the cart needs no Kafka at all)
 * @param topic where OrderCreated arrives (the order service's topic)
 * @param consumerGroup the Kafka consumer group of the listener
 */
@ConfigurationProperties("emporium.cart.orders")
public record OrderEventsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("order-events") String topic,
    @DefaultValue("cart") String consumerGroup) {

  public OrderEventsProperties {
    if (topic.isBlank() || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("emporium.cart.orders: topic and consumer-group must not be blank");
    }
  }
}
