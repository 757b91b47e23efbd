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
 * The grants: password sign-in (the JSON login), {@code authorization_code} (client
 * authentication here, the code itself in {@link AuthorizationCodes}), {@code refresh_token} and
 * {@code client_credentials}. Refresh tokens rotate: each is good for one use, which hands out the
 * next of its family; a used token presented again means someone kept a copy, so the whole family
 * is revoked and the legitimate holder signs in again.
 */
@Service
public class TokenIssuer {

  private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

  private final UserAccounts accounts;
  private final AccessTokens accessTokens;
  private final RefreshTokenRepository refreshTokenRepository;
  private final RefreshTokens refreshTokens;
  private final AuthorizationCodes authorizationCodes;
  private final Passwords passwords;
  private final List<String> userScopes;
  private final Map<String, UserProperties.Client> clients;
  private final Map<String, UserProperties.WebClient> webClients;
  private final Clock clock = Clock.systemUTC();

  TokenIssuer(UserAccounts accounts, AccessTokens accessTokens, RefreshTokenRepository refreshTokenRepository,
      RefreshTokens refreshTokens, AuthorizationCodes authorizationCodes, Passwords passwords,
      UserProperties properties) {
    this.accounts = accounts;
    this.accessTokens = accessTokens;
    this.refreshTokenRepository = refreshTokenRepository;
    this.refreshTokens = refreshTokens;
    this.authorizationCodes = authorizationCodes;
    this.passwords = passwords;
    this.userScopes = properties.userScopes();
    this.clients = properties.clients();
    this.webClients = properties.webClients();
  }

  /**
   * Signs a user in: an access token and the first refresh token of a new family; 401 otherwise.
   * Not one transaction: the password check takes tens of milliseconds and needs no connection held.
   */
  public TokenGrant login(String email, String password) {
    User user = accounts.authenticate(email, password).orElseThrow(OAuthErrors::badCredentials);
    Instant now = clock.instant();
    String refresh = refreshTokens.issue(UUID.randomUUID(), user.id().toString(), user.roles(), userScopes, now);
    return new TokenGrant(accessTokens.issue(user.id().toString(), user.roles(), userScopes, now), refresh, null,
        accessTokens.ttl(), userScopes);
  }

  /**
   * Exchanges a refresh token for new tokens. Failures commit (noRollbackFor): the revocation of a
   * family caught reusing a token must stick even though the request fails.
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public TokenGrant refresh(String refreshToken) {
    Instant now = clock.instant();
    StoredRefreshToken stored = refreshTokenRepository.findForUpdate(OpaqueTokens.hash(refreshToken))
        .orElseThrow(() -> OAuthErrors.invalidGrant("the refresh token is not known"));
    if (stored.revokedAt() != null) {
      throw OAuthErrors.invalidGrant("the refresh token was revoked");
    }
    if (stored.usedAt() != null) {
      int revoked = refreshTokenRepository.revokeFamily(stored.familyId(), now);
      log.warn("Refresh token of family {} (subject {}) used twice: revoked the family ({} tokens)",
          stored.familyId(), stored.subject(), revoked);
      throw OAuthErrors.invalidGrant("the refresh token was already used; every token of its sign-in is revoked");
    }
    if (!stored.expiresAt().isAfter(now)) {
      throw OAuthErrors.invalidGrant("the refresh token has expired");
    }
    refreshTokenRepository.markUsed(stored.hash(), now);
    String next = refreshTokens.issue(stored.familyId(), stored.subject(), stored.roles(), stored.scopes(), now);
    return new TokenGrant(accessTokens.issue(stored.subject(), stored.roles(), stored.scopes(), now), next, null,
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
    return new TokenGrant(token, null, null, accessTokens.ttl(), scopes);
  }

  /**
   * Redeems an authorization code for a web client. A confidential client proves its secret; a
   * public one names itself and has no secret to give (PKCE proves it is the client that asked).
   * The secret is checked before the code's transaction, which need not wait for Argon2id.
   */
  public TokenGrant authorizationCode(String clientId, @Nullable String clientSecret, String code,
      String redirectUri, String codeVerifier) {
    UserProperties.WebClient client = webClients.get(clientId);
    if (client == null) {
      if (clientSecret != null) {
        passwords.burn(clientSecret);
      }
      throw OAuthErrors.invalidClient();
    }
    boolean authenticated = client.confidential()
        ? clientSecret != null && passwords.matches(clientSecret, client.secretHash())
        : clientSecret == null;
    if (!authenticated) {
      throw OAuthErrors.invalidClient();
    }
    if (!Pkce.isWellFormedVerifier(codeVerifier)) {
      throw OAuthErrors.invalidRequest("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
    }
    return authorizationCodes.redeem(clientId, code, redirectUri, codeVerifier);
  }

  /** Forgets refresh tokens a day after they expired (kept that long to answer "expired", not "unknown"). */
  @Scheduled(fixedDelayString = "1h", initialDelayString = "1m")
  @Transactional
  public void deleteExpiredRefreshTokens() {
    refreshTokenRepository.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
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
}
