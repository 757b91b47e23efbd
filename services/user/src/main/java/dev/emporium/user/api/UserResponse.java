package dev.emporium.user.api;

import dev.emporium.user.account.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account as its owner sees it; never the password hash. */
public record UserResponse(UUID id, String email, String name, @Nullable String phone, List<String> roles,
    Instant createdAt) {

  static UserResponse of(User user) {
    return new UserResponse(user.id(), user.email(), user.name(), user.phone(), user.roles(), user.createdAt());
  }
}
