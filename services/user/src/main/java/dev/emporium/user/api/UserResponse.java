package dev.emporium.user.api;

import dev.emporium.user.account.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as its owner sees it; never the password hash. */
public record UserResponse(UUID id, String email, String name, List<String> roles, Instant createdAt) {

  static UserResponse of(User user) {
    return new UserResponse(user.id(), user.email(), user.name(), user.roles(), user.createdAt());
  }
}
