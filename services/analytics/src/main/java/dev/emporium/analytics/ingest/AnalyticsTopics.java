package dev.emporium.analytics.ingest;

import dev.emporium.analytics.AnalyticsProperties;
import dev.emporium.platform.events.kafka.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead-letter topics of the four topics the analytics service consumes, created at start-up if missing. */
@Configuration(proxyBeanMethods = false)
class AnalyticsTopics {

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, AnalyticsProperties properties) {
    return topics.deadLetter(properties.orderTopic());
  }

  @Bean
  NewTopic paymentEventsDeadLetters(EventTopics topics, AnalyticsProperties properties) {
    return topics.deadLetter(properties.paymentTopic());
  }

  @Bean
  NewTopic inventoryEventsDeadLetters(EventTopics topics, AnalyticsProperties properties) {
    return topics.deadLetter(properties.inventoryTopic());
  }

  @Bean
  NewTopic shippingEventsDeadLetters(EventTopics topics, AnalyticsProperties properties) {
    return topics.deadLetter(properties.shippingTopic());
  }
}
