package dev.emporium.user.api;

import dev.emporium.user.account.User;
import org.jspecify.annotations.Nullable;

/** How to reach a user, for the notification service: no roles, no password hash. */
public record ContactResponse(String userId, String email, String name, @Nullable String phone) {

  static ContactResponse of(User user) {
    return new ContactResponse(user.id().toString(), user.email(), user.name(), user.phone());
  }
}
