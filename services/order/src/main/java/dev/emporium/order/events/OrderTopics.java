package dev.emporium.order.events;

import dev.emporium.order.OrderProperties;
import dev.emporium.platform.events.kafka.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topic the order service publishes to, and the dead-letter topics of the three it consumes,
 * created at start-up if missing.
 */
@Configuration(proxyBeanMethods = false)
class OrderTopics {

  @Bean
  NewTopic orderEventsTopic(EventTopics topics, OrderProperties properties) {
    return topics.declare(properties.topic());
  }

  @Bean
  NewTopic paymentEventsDeadLetters(EventTopics topics, OrderProperties properties) {
    return topics.deadLetter(properties.paymentTopic());
  }

  @Bean
  NewTopic inventoryEventsDeadLetters(EventTopics topics, OrderProperties properties) {
    return topics.deadLetter(properties.inventoryTopic());
  }

  @Bean
  NewTopic shippingEventsDeadLetters(EventTopics topics, OrderProperties properties) {
    return topics.deadLetter(properties.shippingTopic());
  }
}
