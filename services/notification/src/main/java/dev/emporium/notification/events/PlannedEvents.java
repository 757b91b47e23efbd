package dev.emporium.notification.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.emporium.notification.NotificationProperties;
import org.springframework.stereotype.Component;

/**
 * The events already turned into jobs, remembered in memory (bounded in count and time), so that a
 * Kafka redelivery (a rebalance, a crash after publishing but before the offset commit) plans
 * nothing again. It is a first line only: after a restart it is empty, and the jobs' deterministic
 * ids let the providers and the mail path absorb what gets through.
 */
@Component
public class PlannedEvents {

  private final Cache<String, Boolean> planned;

  public PlannedEvents(NotificationProperties properties) {
    this.planned = Caffeine.newBuilder().maximumSize(properties.dedup().maxEvents())
        .expireAfterWrite(properties.dedup().eventTtl()).build();
  }

  public boolean contains(String source, String eventId) {
    return planned.getIfPresent(key(source, eventId)) != null;
  }

  /** Called once the event's jobs are confirmed by RabbitMQ. */
  public void remember(String source, String eventId) {
    planned.put(key(source, eventId), Boolean.TRUE);
  }

  private static String key(String source, String eventId) {
    return source + "\n" + eventId;
  }
}
