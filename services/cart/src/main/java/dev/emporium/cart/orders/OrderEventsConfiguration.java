package dev.emporium.cart.orders;

import dev.emporium.cart.cart.Carts;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.inbox.Inbox;
import dev.emporium.platform.events.kafka.EventTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener on the order service's events and the dead-letter topic it parks poison messages
 * on, when {@code emporium.cart.orders.enabled} (the default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "emporium.cart.orders.enabled", matchIfMissing = true)
class OrderEventsConfiguration {

  @Bean
  OrderListener orderListener(Inbox inbox, CloudEventCodec codec, Carts carts) {
    return new OrderListener(inbox, codec, carts);
  }

  @Bean
  NewTopic orderEventsDeadLetters(EventTopics topics, OrderEventsProperties properties) {
    return topics.deadLetter(properties.topic());
  }
}
