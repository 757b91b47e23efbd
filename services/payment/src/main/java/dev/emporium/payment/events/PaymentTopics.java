package dev.emporium.payment.events;

import dev.emporium.payment.PaymentProperties;
import dev.emporium.platform.events.kafka.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic the payment service publishes to, and the dead-letter topic of the one it consumes. */
@Configuration(proxyBeanMethods = false)
class PaymentTopics {

  @Bean
  NewTopic paymentEventsTopic(EventTopics topics, PaymentProperties properties) {
    return topics.declare(properties.topic());
  }

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, PaymentProperties properties) {
    return topics.deadLetter(properties.orderTopic());
  }
}
