package dev.emporium.platform.events.kafka;

import dev.emporium.platform.events.EventsProperties;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Declares the topics a service produces or consumes, with the platform's partition count and
 * replication factor. Return them as beans and Spring's KafkaAdmin creates them at start-up:
 *
 * <pre>{@code
 * @Bean NewTopic productEvents(EventTopics topics) { return topics.declare("product-events"); }
 * @Bean NewTopic productEventsDlt(EventTopics topics) { return topics.deadLetter("product-events"); }
 * }</pre>
 */
public final class EventTopics {

  private final EventsProperties.Topics config;

  public EventTopics(EventsProperties.Topics config) {
    this.config = config;
  }

  public NewTopic declare(String name) {
    return new NewTopic(name, config.partitions(), config.replicationFactor());
  }

  /** The dead-letter topic of {@code name}, for a service that consumes {@code name}. */
  public NewTopic deadLetter(String name) {
    return declare(DeadLetters.topicFor(name));
  }
}
