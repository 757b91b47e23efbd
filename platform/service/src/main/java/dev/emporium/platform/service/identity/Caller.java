package dev.emporium.platform.service.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as the gateway established it: the user id ({@code sub} of the token), roles and
 * scopes. Anonymous when the gateway sent no {@code X-User-Id}. A controller gets it by declaring a
 * {@code Caller} parameter; it lives for one request.
 *
 * <p>Services trust these headers because only the gateway can reach them (docs/services.md):
 * the gateway removes any client-sent copies and writes them from a verified token.
 */
public record Caller(@Nullable String userId, Set<String> roles, Set<String> scopes) {

  /** The role that may manage the catalogue, see every order, restock... */
  public static final String ADMIN = "admin";

  private static final Caller ANONYMOUS = new Caller(null, Set.of(), Set.of());

  public Caller {
    roles = normalise(roles);
    scopes = Set.copyOf(scopes);
  }

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  public static Caller of(String userId, String... roles) {
    return new Caller(userId, Set.of(roles), Set.of());
  }

  public boolean isAuthenticated() {
    return userId != null;
  }

  public Optional<String> id() {
    return Optional.ofNullable(userId);
  }

  /** Roles compare case-insensitively: "Admin" from one issuer is "admin" from another. */
  public boolean hasRole(String role) {
    return roles.contains(role.toLowerCase(Locale.ROOT));
  }

  public boolean isAdmin() {
    return hasRole(ADMIN);
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  public boolean is(@Nullable String otherUserId) {
    return userId != null && userId.equals(otherUserId);
  }

  private static Set<String> normalise(Set<String> roles) {
    return roles.stream().map(role -> role.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** Splits a header list on commas and whitespace, dropping empty items. */
  static Set<String> parseList(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(header.split("[,\\s]+")).filter(item -> !item.isEmpty()).collect(Collectors.toSet());
  }
}
