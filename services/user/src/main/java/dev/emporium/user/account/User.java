package dev.emporium.user.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An account. The password is only ever held as its Argon2id hash.
 *
 * @param phone a mobile number in E.164 form ({@code +491701234567}) for text messages, or null
 */
public record User(UUID id, String email, String name, String passwordHash, List<String> roles,
    @Nullable String phone, Instant createdAt) {

  public User {
    roles = List.copyOf(roles);
  }

  public static User register(String email, String name, String passwordHash, List<String> roles,
      @Nullable String phone, Instant now) {
    return new User(UUID.randomUUID(), normaliseEmail(email), name.strip(), passwordHash, roles,
        phone == null || phone.isBlank() ? null : phone.strip(), now);
  }

  /**
   * Emails are kept and compared in lower case: mailbox names are case-sensitive in theory, but no
   * provider treats them so, and two accounts differing only by case would be a trap.
   */
  public static String normaliseEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
