package dev.emporium.gateway.policy.auth.jwt;

import dev.emporium.gateway.policy.auth.Refusals;
import dev.emporium.gateway.policy.auth.TokenCacheConfig;
import dev.emporium.gateway.policy.auth.TokenLocation;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code jwt} policy's settings.
 *
 * @param issuers the issuers whose tokens the route accepts (chosen by the token's {@code iss})
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}
 * @param optional let requests without a token through anonymously (a bad token is still refused)
 * @param token where the token is read from
 * @param forwardToken whether the token header also goes upstream
 * @param realm the realm named in {@code WWW-Authenticate}
 * @param cache the cache of verified tokens
 * @param maxTokenLength longer tokens are refused unread
 */
public record JwtConfig(
    List<JwtIssuerConfig> issuers,
    Duration clockSkew,
    Boolean optional,
    TokenLocation token,
    Boolean forwardToken,
    String realm,
    TokenCacheConfig cache,
    Integer maxTokenLength) {

  public JwtConfig {
    issuers = issuers == null ? List.of() : List.copyOf(issuers);
    clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    optional = optional == null ? Boolean.FALSE : optional;
    token = token == null ? TokenLocation.DEFAULT : token;
    forwardToken = forwardToken == null ? Boolean.TRUE : forwardToken;
    realm = realm == null ? "emporium" : realm;
    cache = cache == null ? TokenCacheConfig.DEFAULTS : cache;
    maxTokenLength = maxTokenLength == null ? 8192 : maxTokenLength;
    if (issuers.isEmpty()) throw new IllegalArgumentException("issuers: at least one issuer is needed");
    Set<String> seen = new HashSet<>();
    for (JwtIssuerConfig i : issuers) {
      if (!seen.add(i.issuer())) throw new IllegalArgumentException("issuers: '" + i.issuer() + "' is listed twice");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("clockSkew: must be between 0s and 5m");
    }
    if (!Refusals.isValidRealm(realm)) {
      throw new IllegalArgumentException("realm: must be 1-128 visible ASCII characters without quotes or backslashes");
    }
    if (maxTokenLength < 64 || maxTokenLength > 1_048_576) {
      throw new IllegalArgumentException("maxTokenLength: must be between 64 and 1048576, is " + maxTokenLength);
    }
  }
}
