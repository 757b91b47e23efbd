package dev.emporium.product.events;

import dev.emporium.platform.events.kafka.EventTopics;
import dev.emporium.product.ProductProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic the product service publishes to, created at start-up if missing. */
@Configuration(proxyBeanMethods = false)
class ProductTopics {

  @Bean
  NewTopic productEventsTopic(EventTopics topics, ProductProperties properties) {
    return topics.declare(properties.topic());
  }
}
