package dev.emporium.user.events;

import dev.emporium.platform.events.kafka.EventTopics;
import dev.emporium.user.UserProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic the user service publishes to, created at start-up if missing. */
@Configuration(proxyBeanMethods = false)
class UserTopics {

  @Bean
  NewTopic userEventsTopic(EventTopics topics, UserProperties properties) {
    return topics.declare(properties.topic());
  }
}
