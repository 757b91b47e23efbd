package dev.emporium.notification.events;

import dev.emporium.notification.NotificationProperties;
import dev.emporium.platform.events.kafka.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead-letter topics of the three topics the service consumes, created at start-up if missing. */
@Configuration(proxyBeanMethods = false)
class NotificationTopics {

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, NotificationProperties properties) {
    return topics.deadLetter(properties.orderTopic());
  }

  @Bean
  NewTopic paymentEventsDeadLetters(EventTopics topics, NotificationProperties properties) {
    return topics.deadLetter(properties.paymentTopic());
  }

  @Bean
  NewTopic shippingEventsDeadLetters(EventTopics topics, NotificationProperties properties) {
    return topics.deadLetter(properties.shippingTopic());
  }
}
