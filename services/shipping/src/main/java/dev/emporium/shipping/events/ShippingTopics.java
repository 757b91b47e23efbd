package dev.emporium.shipping.events;

import dev.emporium.platform.events.kafka.EventTopics;
import dev.emporium.shipping.ShippingProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topic the shipping service publishes to, and the dead-letter topics of the two it consumes,
 * created at start-up if missing.
 */
@Configuration(proxyBeanMethods = false)
class ShippingTopics {

  @Bean
  NewTopic shippingEventsTopic(EventTopics topics, ShippingProperties properties) {
    return topics.declare(properties.topic());
  }

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, ShippingProperties properties) {
    return topics.deadLetter(properties.orderTopic());
  }

  @Bean
  NewTopic inventoryEventsDeadLetters(EventTopics topics, ShippingProperties properties) {
    return topics.deadLetter(properties.inventoryTopic());
  }
}
