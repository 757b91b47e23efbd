package dev.emporium.user.events;

import dev.emporium.platform.events.DomainEvent;
import dev.emporium.user.account.User;
import java.time.Instant;

/**
 * The user events, published on {@code user-events} keyed by user id. Schema:
 * src/main/resources/events/UserRegistered.schema.json. The email is carried so that the
 * notification service can greet the user without calling back.
 */
public sealed interface UserEvent extends DomainEvent {

  /** An account was created. */
  record UserRegistered(String userId, String email, String name, Instant occurredAt) implements UserEvent {

    @Override
    public String aggregateId() {
      return userId;
    }
  }

  static UserRegistered registered(User user) {
    return new UserRegistered(user.id().toString(), user.email(), user.name(), user.createdAt());
  }
}
