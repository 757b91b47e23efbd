package dev.emporium.user.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An account. The password is only ever held as its Argon2id hash. */
public record User(UUID id, String email, String name, String passwordHash, List<String> roles, Instant createdAt) {

  public User {
    roles = List.copyOf(roles);
  }

  public static User register(String email, String name, String passwordHash, List<String> roles, Instant now) {
    return new User(UUID.randomUUID(), normaliseEmail(email), name.strip(), passwordHash, roles, now);
  }

  /**
   * Emails are kept and compared in lower case: mailbox names are case-sensitive in theory, but no
   * provider treats them so, and two accounts differing only by case would be a trap.
   */
  public static String normaliseEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
