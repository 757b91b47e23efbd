package dev.emporium.notification.job;

import dev.emporium.notification.NotificationProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which jobs a notice becomes: one per channel configured for its kind
 * ({@code emporium.notification.channels.*}), in a stable order (email, SMS, push).
 */
@Component
public class JobPlanner {

  private final NotificationProperties.Channels channels;

  public JobPlanner(NotificationProperties properties) {
    this.channels = properties.channels();
  }

  public List<NotificationJob> plan(Notice notice) {
    return channels.of(notice.kind()).stream().sorted().map(channel -> NotificationJob.of(notice, channel)).toList();
  }
}
