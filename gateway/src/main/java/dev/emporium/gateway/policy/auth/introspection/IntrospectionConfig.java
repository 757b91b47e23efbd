package dev.emporium.gateway.policy.auth.introspection;

import dev.emporium.gateway.config.ByteSize;
import dev.emporium.gateway.policy.auth.Refusals;
import dev.emporium.gateway.policy.auth.TokenCacheConfig;
import dev.emporium.gateway.policy.auth.TokenLocation;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code introspection} policy's settings: opaque tokens checked with the authorization server
 * (RFC 7662). The client secret is best given as {@code ${ENV_VAR}}; it is never logged.
 *
 * @param endpoint the introspection endpoint (http or https)
 * @param clientId the gateway's client id at the authorization server
 * @param clientSecret its secret, sent with HTTP Basic authentication
 * @param timeout how long one introspection call may take
 * @param cache the cache of active answers; an entry never outlives the token's {@code exp}
 * @param token where the token is read from
 * @param optional let requests without a token through anonymously
 * @param audiences {@code aud} values of which the answer must carry one; empty: not checked
 * @param rolesClaim the member of the answer listing roles
 * @param forwardToken whether the token header also goes upstream
 * @param realm the realm named in {@code WWW-Authenticate}
 * @param maxResponseSize the largest introspection answer read
 */
public record IntrospectionConfig(
    String endpoint,
    String clientId,
    String clientSecret,
    Duration timeout,
    TokenCacheConfig cache,
    TokenLocation token,
    Boolean optional,
    List<String> audiences,
    String rolesClaim,
    Boolean forwardToken,
    String realm,
    ByteSize maxResponseSize) {

  public IntrospectionConfig {
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    cache = cache == null ? new TokenCacheConfig(null, Duration.ofSeconds(60)) : cache;
    token = token == null ? TokenLocation.DEFAULT : token;
    optional = optional == null ? Boolean.FALSE : optional;
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
    forwardToken = forwardToken == null ? Boolean.TRUE : forwardToken;
    realm = realm == null ? "emporium" : realm;
    maxResponseSize = maxResponseSize == null ? ByteSize.ofKibibytes(64) : maxResponseSize;
    if (endpoint == null) throw new IllegalArgumentException("endpoint: is required");
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpoint: '" + endpoint + "' is not a URL");
    }
    if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("endpoint: '" + endpoint + "' must be an http or https URL with a host");
    }
    if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("clientId: is required");
    if (clientSecret == null || clientSecret.isEmpty()) throw new IllegalArgumentException("clientSecret: is required");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout: must be a positive duration");
    if (!Refusals.isValidRealm(realm)) {
      throw new IllegalArgumentException("realm: must be 1-128 visible ASCII characters without quotes or backslashes");
    }
    if (maxResponseSize.bytes() < 256) throw new IllegalArgumentException("maxResponseSize: must be at least 256 bytes");
  }

  /** Leaves the secret out, should a record ever be printed. */
  @Override
  public String toString() {
    return "IntrospectionConfig[endpoint=" + endpoint + ", clientId=" + clientId + ", clientSecret=***]";
  }
}
