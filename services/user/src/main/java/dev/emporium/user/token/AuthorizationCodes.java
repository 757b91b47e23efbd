package dev.emporium.user.token;

import dev.emporium.platform.service.problem.ProblemException;
import dev.emporium.user.UserProperties;
import dev.emporium.user.account.User;
import dev.emporium.user.persistence.AuthorizationCodeRepository;
import dev.emporium.user.persistence.AuthorizationCodeRepository.StoredAuthorizationCode;
import dev.emporium.user.persistence.RefreshTokenRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorization codes: issued to a signed-in user for one web client, redirect URI and PKCE
 * challenge, and redeemed once for tokens. A code redeemed a second time means it was copied: the
 * second exchange fails and the refresh-token family of the first is revoked (RFC 6749 §4.1.2).
 */
@Service
public class AuthorizationCodes {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationCodes.class);

  private final AuthorizationCodeRepository codes;
  private final RefreshTokenRepository refreshTokenRepository;
  private final RefreshTokens refreshTokens;
  private final AccessTokens accessTokens;
  private final String issuer;
  private final Duration ttl;
  private final Clock clock = Clock.systemUTC();

  AuthorizationCodes(AuthorizationCodeRepository codes, RefreshTokenRepository refreshTokenRepository,
      RefreshTokens refreshTokens, AccessTokens accessTokens, UserProperties properties) {
    this.codes = codes;
    this.refreshTokenRepository = refreshTokenRepository;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.issuer = properties.issuer();
    this.ttl = properties.authorizationCodeTtl();
  }

  /** A new code for the user who just signed in; the answer is where to send the browser with it. */
  public String issue(AuthorizationRequest request, User user) {
    String code = OpaqueTokens.generate();
    Instant now = clock.instant();
    codes.insert(new StoredAuthorizationCode(OpaqueTokens.hash(code), request.clientId(), request.redirectUri(),
        user.id().toString(), user.roles(), request.scopes(), request.codeChallenge(), request.nonce(),
        UUID.randomUUID(), now, now.plus(ttl), null));
    return AuthorizationError.redirectWith(request.redirectUri(), "code=" + code, request.state(), issuer);
  }

  /**
   * Exchanges a code for an access token, a refresh token starting the family named on the code,
   * and an ID token when {@code openid} was granted. The client is authenticated already. Every
   * attempt uses the code up, so a wrong verifier cannot be retried; failures commit (noRollbackFor)
   * so that this and a reuse's revocation stick.
   */
  @Transactional(noRollbackFor = ProblemException.class)
  public TokenGrant redeem(String clientId, String code, String redirectUri, String codeVerifier) {
    Instant now = clock.instant();
    StoredAuthorizationCode stored = codes.findForUpdate(OpaqueTokens.hash(code))
        .orElseThrow(() -> OAuthErrors.invalidGrant("the authorization code is not known"));
    if (!stored.clientId().equals(clientId)) {
      throw OAuthErrors.invalidGrant("the authorization code was issued to another client");
    }
    if (stored.usedAt() != null) {
      int revoked = refreshTokenRepository.revokeFamily(stored.familyId(), now);
      log.warn("Authorization code for client {} (subject {}) redeemed twice: revoked its tokens ({} refresh tokens)",
          clientId, stored.subject(), revoked);
      throw OAuthErrors.invalidGrant("the authorization code was already used; the tokens it gave are revoked");
    }
    codes.markUsed(stored.hash(), now);
    if (!stored.expiresAt().isAfter(now)) {
      throw OAuthErrors.invalidGrant("the authorization code has expired");
    }
    if (!stored.redirectUri().equals(redirectUri)) {
      throw OAuthErrors.invalidGrant("redirect_uri differs from the authorization request's");
    }
    if (!Pkce.matches(codeVerifier, stored.codeChallenge())) {
      throw OAuthErrors.invalidGrant("code_verifier does not match the code_challenge");
    }
    String refresh = refreshTokens.issue(stored.familyId(), stored.subject(), stored.roles(), stored.scopes(), now);
    String access = accessTokens.issue(stored.subject(), stored.roles(), stored.scopes(), now);
    @Nullable String idToken = stored.scopes().contains("openid")
        ? accessTokens.idToken(stored.subject(), clientId, stored.nonce(), stored.authenticatedAt(), now)
        : null;
    return new TokenGrant(access, refresh, idToken, accessTokens.ttl(), stored.scopes());
  }

  /** Forgets codes a day after they expired (kept that long to recognise a replay). */
  @Scheduled(fixedDelayString = "1h", initialDelayString = "1m")
  @Transactional
  public void deleteExpired() {
    codes.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
  }
}
