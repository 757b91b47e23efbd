package dev.emporium.inventory.events;

import dev.emporium.inventory.InventoryProperties;
import dev.emporium.platform.events.kafka.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topic the inventory service publishes to, and the dead-letter topics of the two it consumes,
 * created at start-up if missing.
 */
@Configuration(proxyBeanMethods = false)
class InventoryTopics {

  @Bean
  NewTopic inventoryEventsTopic(EventTopics topics, InventoryProperties properties) {
    return topics.declare(properties.topic());
  }

  @Bean
  NewTopic paymentEventsDeadLetters(EventTopics topics, InventoryProperties properties) {
    return topics.deadLetter(properties.paymentTopic());
  }

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, InventoryProperties properties) {
    return topics.deadLetter(properties.orderTopic());
  }
}
