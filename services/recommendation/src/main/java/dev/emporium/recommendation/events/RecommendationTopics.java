package dev.emporium.recommendation.events;

import dev.emporium.platform.events.kafka.EventTopics;
import dev.emporium.recommendation.RecommendationProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dead-letter topics of the two topics the service consumes, created at start-up if missing.
 * It publishes nothing of its own.
 */
@Configuration(proxyBeanMethods = false)
class RecommendationTopics {

  @Bean
  NewTopic productEventsDeadLetters(EventTopics topics, RecommendationProperties properties) {
    return topics.deadLetter(properties.productTopic());
  }

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, RecommendationProperties properties) {
    return topics.deadLetter(properties.orderTopic());
  }
}
