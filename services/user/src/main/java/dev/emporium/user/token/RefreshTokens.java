package dev.emporium.user.token;

import dev.emporium.user.UserProperties;
import dev.emporium.user.persistence.RefreshTokenRepository;
import dev.emporium.user.persistence.RefreshTokenRepository.StoredRefreshToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Hands out refresh tokens: a new random value, stored as its hash, in the family it continues or starts. */
@Component
class RefreshTokens {

  private final RefreshTokenRepository repository;
  private final Duration ttl;

  RefreshTokens(RefreshTokenRepository repository, UserProperties properties) {
    this.repository = repository;
    this.ttl = properties.refreshTokenTtl();
  }

  String issue(UUID familyId, String subject, List<String> roles, List<String> scopes, Instant now) {
    String value = OpaqueTokens.generate();
    repository.insert(new StoredRefreshToken(OpaqueTokens.hash(value), familyId, subject, roles, scopes, now,
        now.plus(ttl), null, null));
    return value;
  }
}
