package dev.emporium.user.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.emporium.user.UserProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signs access tokens: RS256 JWTs with {@code iss}, {@code sub}, {@code aud}, {@code iat},
 * {@code nbf}, {@code exp}, {@code jti}, {@code roles} (a list) and {@code scope} (space-separated,
 * RFC 8693/9068), and the signing key's {@code kid} in the header. Also signs ID tokens (OpenID
 * Connect Core §2) with the same key, for web clients that asked for {@code openid}.
 */
@Component
class AccessTokens {

  private final SigningKeys keys;
  private final String issuer;
  private final String audience;
  private final Duration ttl;

  AccessTokens(SigningKeys keys, UserProperties properties) {
    this.keys = keys;
    this.issuer = properties.issuer();
    this.audience = properties.audience();
    this.ttl = properties.accessTokenTtl();
  }

  Duration ttl() {
    return ttl;
  }

  String issue(String subject, List<String> roles, List<String> scopes, Instant now) {
    RSAKey key = keys.current();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .claim("roles", roles)
        .claim("scope", String.join(" ", scopes))
        .build();
    return sign(key, claims);
  }

  /**
   * An ID token: who signed in ({@code sub}), for which client ({@code aud}, {@code azp}), when
   * ({@code auth_time}), and the client's {@code nonce} when it sent one. It lives as long as the
   * access token handed out with it.
   */
  String idToken(String subject, String clientId, @Nullable String nonce, Instant authenticatedAt, Instant now) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(clientId)
        .claim("azp", clientId)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .claim("auth_time", authenticatedAt.getEpochSecond());
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    return sign(keys.current(), claims.build());
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID())
        .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
    }
    return jwt.serialize();
  }
}
