package dev.emporium.user.events;

import dev.emporium.platform.events.outbox.Outbox;
import dev.emporium.user.UserProperties;
import dev.emporium.user.account.User;
import org.springframework.stereotype.Component;

/** Writes user events to the outbox, in the transaction of the change they report. */
@Component
public class UserEvents {

  private final Outbox outbox;
  private final String topic;

  UserEvents(Outbox outbox, UserProperties properties) {
    this.outbox = outbox;
    this.topic = properties.topic();
  }

  public void registered(User user) {
    outbox.append(topic, UserEvent.registered(user));
  }
}
