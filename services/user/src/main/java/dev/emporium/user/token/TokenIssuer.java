package dev.emporium.user.token;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.user.UserProperties;
import dev.emporium.user.account.Passwords;
import dev.emporium.user.account.User;
import dev.emporium.user.account.UserAccounts;
import dev.emporium.user.persistence.RefreshTokenRepository;
import dev.emporium.user.persistence.RefreshTokenRepository.StoredRefreshToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grants: password sign-in (the JSON login), {@code refresh_token} and
 * {@code client_credentials}. Refresh tokens rotate: each is good for one use, which hands out the
 * next of its family; a used token presented again means someone kept a copy, so the whole family
 * is revoked and the legitimate holder signs in again.
 */
@Service
public class TokenIssuer {

  private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

  private final UserAccounts accounts;
  private final AccessTokens accessTokens;
  private final RefreshTokenRepository refreshTokens;
  private final Passwords passwords;
  private final List<String> userScopes;
  private final Duration refreshTtl;
  private final Map<String, UserProperties.Client> clients;
  private final Clock clock = Clock.systemUTC();

  TokenIssuer(UserAccounts accounts, AccessTokens accessTokens, RefreshTokenRepository refreshTokens,
      Passwords passwords, UserProperties properties) {
    this.accounts = accounts;
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.passwords = passwords;
    this.userScopes = properties.userScopes();
    this.refreshTtl = properties.refreshTokenTtl();
    this.clients = properties.clients();
  }

  /**
   * Signs a user in: an access token and the first refresh token of a new family; 401 otherwise.
   * Not one transaction: the password check takes tens of milliseconds and needs no connection held.
   */
  public TokenGrant login(String email, String password) {
    User user = accounts.authenticate(email, password).orElseThrow(OAuthErrors::badCredentials);
    Instant now = clock.instant();
    String refresh = storeRefreshToken(UUID.randomUUID(), user.id().toString(), user.roles(), userScopes, now);
    return new TokenGrant(accessTokens.issue(user.id().toString(), user.roles(), userScopes, now), refresh,
        accessTokens.ttl(), userScopes);
  }

  /**
   * Exchanges a refresh token for new tokens. Failures commit (noRollbackFor): the revocation of a
   * family caught reusing a token must stick even though the request fails.
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public TokenGrant refresh(String refreshToken) {
    Instant now = clock.instant();
    StoredRefreshToken stored = refreshTokens.findForUpdate(OpaqueTokens.hash(refreshToken))
        .orElseThrow(() -> OAuthErrors.invalidGrant("the refresh token is not known"));
    if (stored.revokedAt() != null) {
      throw OAuthErrors.invalidGrant("the refresh token was revoked");
    }
    if (stored.usedAt() != null) {
      int revoked = refreshTokens.revokeFamily(stored.familyId(), now);
      log.warn("Refresh token of family {} (subject {}) used twice: revoked the family ({} tokens)",
          stored.familyId(), stored.subject(), revoked);
      throw OAuthErrors.invalidGrant("the refresh token was already used; every token of its sign-in is revoked");
    }
    if (!stored.expiresAt().isAfter(now)) {
      throw OAuthErrors.invalidGrant("the refresh token has expired");
    }
    refreshTokens.markUsed(stored.hash(), now);
    String next = storeRefreshToken(stored.familyId(), stored.subject(), stored.roles(), stored.scopes(), now);
    return new TokenGrant(accessTokens.issue(stored.subject(), stored.roles(), stored.scopes(), now), next,
        accessTokens.ttl(), stored.scopes());
  }

  /**
   * A service account's token: {@code sub} is the client id, roles are the client's, scopes those
   * asked for (all the client's when none). No refresh token (RFC 6749 §4.4.3): it can ask again.
   */
  public TokenGrant clientCredentials(String clientId, String clientSecret, @Nullable String scope) {
    UserProperties.Client client = clients.get(clientId);
    if (client == null) {
      passwords.burn(clientSecret);
      throw OAuthErrors.invalidClient();
    }
    if (!passwords.matches(clientSecret, client.secretHash())) {
      throw OAuthErrors.invalidClient();
    }
    List<String> scopes = grantedScopes(client, scope);
    String token = accessTokens.issue(clientId, client.roles(), scopes, clock.instant());
    return new TokenGrant(token, null, accessTokens.ttl(), scopes);
  }

  /** Forgets refresh tokens a day after they expired (kept that long to answer "expired", not "unknown"). */
  @Scheduled(fixedDelayString = "1h", initialDelayString = "1m")
  @Transactional
  public void deleteExpiredRefreshTokens() {
    refreshTokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
  }

  private static List<String> grantedScopes(UserProperties.Client client, @Nullable String scope) {
    if (scope == null || scope.isBlank()) {
      return client.scopes();
    }
    Set<String> asked = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
    if (!client.scopes().containsAll(asked)) {
      throw OAuthErrors.invalidScope("the client may ask for " + String.join(" ", client.scopes()));
    }
    return List.copyOf(asked);
  }

  private String storeRefreshToken(UUID familyId, String subject, List<String> roles, List<String> scopes,
      Instant now) {
    String value = OpaqueTokens.generate();
    refreshTokens.insert(new StoredRefreshToken(OpaqueTokens.hash(value), familyId, subject, roles, scopes, now,
        now.plus(refreshTtl), null, null));
    return value;
  }
}
