package dev.emporium.user.account;

import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.user.UserProperties;
import dev.emporium.user.events.UserEvents;
import dev.emporium.user.persistence.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account use cases. Registration stores the account and its UserRegistered event in one
 * transaction (outbox).
 */
@Service
public class UserAccounts {

  private final UserRepository users;
  private final UserEvents events;
  private final Passwords passwords;
  private final List<String> newUserRoles;
  private final Clock clock = Clock.systemUTC();

  UserAccounts(UserRepository users, UserEvents events, Passwords passwords, UserProperties properties) {
    this.users = users;
    this.events = events;
    this.passwords = passwords;
    this.newUserRoles = properties.userRoles();
  }

  /** Creates an account; 409 when the email is taken (checked by the unique index, so races lose too). */
  @Transactional
  public User register(String email, String password, String name, @Nullable String phone) {
    User user = User.register(email, name, passwords.hash(password), newUserRoles, phone, clock.instant());
    try {
      users.insert(user);
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict("an account with this email already exists");
    }
    events.registered(user);
    return user;
  }

  /**
   * The account these credentials prove, or empty. An unknown email costs one Argon2id check as
   * well, so response times do not tell which emails have accounts.
   */
  @Transactional(readOnly = true)
  public Optional<User> authenticate(String email, String password) {
    Optional<User> user = users.findByEmail(User.normaliseEmail(email));
    if (user.isEmpty()) {
      passwords.burn(password);
      return Optional.empty();
    }
    return passwords.matches(password, user.get().passwordHash()) ? user : Optional.empty();
  }

  /** An account by id, for other services ({@code /internal}); 404 when the id names no account. */
  @Transactional(readOnly = true)
  public User byId(String id) {
    return parse(id).flatMap(users::findById).orElseThrow(() -> ProblemException.notFound("user " + id));
  }

  /** The caller's own account: 401 when anonymous, 404 when the id names no account. */
  @Transactional(readOnly = true)
  public User me(Caller caller) {
    Access.requireAuthenticated(caller);
    String id = caller.userId();
    return parse(id).flatMap(users::findById).orElseThrow(() -> ProblemException.notFound("user " + id));
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
