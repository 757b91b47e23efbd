package dev.emporium.gateway.policy.auth.jwt;

import dev.emporium.gateway.config.ByteSize;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One token issuer a route trusts: its {@code iss} value, where its public keys come from, and the
 * algorithms its tokens may be signed with.
 *
 * @param issuer the exact {@code iss} claim of its tokens
 * @param jwksUrl its JSON Web Key Set document (http or https); or
 * @param publicKeys PEM files (public keys or certificates) holding its keys
 * @param algorithms the signing algorithms accepted; asymmetric ones only
 * @param audiences {@code aud} values of which a token must carry at least one; empty: not checked
 * @param rolesClaim the claim (a dotted path for nested claims) listing the user's roles
 * @param requireExpiry refuse tokens without {@code exp}
 * @param refreshInterval keys older than this are fetched again in the background
 * @param minRefreshInterval the least time between two fetches (an unknown {@code kid} asks for one)
 * @param fetchTimeout how long one fetch of the key set may take
 * @param maxKeySetSize the largest key set document accepted
 */
public record JwtIssuerConfig(
    String issuer,
    String jwksUrl,
    List<String> publicKeys,
    List<String> algorithms,
    List<String> audiences,
    String rolesClaim,
    Boolean requireExpiry,
    Duration refreshInterval,
    Duration minRefreshInterval,
    Duration fetchTimeout,
    ByteSize maxKeySetSize) {

  /** The algorithms the gateway can verify. HMAC (HS*) and {@code none} can never be listed. */
  public static final Set<String> SUPPORTED = Set.of(
      "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

  public JwtIssuerConfig {
    if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("issuer: is required");
    publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
    algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
    requireExpiry = requireExpiry == null ? Boolean.TRUE : requireExpiry;
    refreshInterval = refreshInterval == null ? Duration.ofMinutes(10) : refreshInterval;
    minRefreshInterval = minRefreshInterval == null ? Duration.ofSeconds(30) : minRefreshInterval;
    fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(5) : fetchTimeout;
    maxKeySetSize = maxKeySetSize == null ? ByteSize.ofKibibytes(512) : maxKeySetSize;

    String at = "issuer '" + issuer + "': ";
    if ((jwksUrl == null) == publicKeys.isEmpty()) {
      throw new IllegalArgumentException(at + "give exactly one of jwksUrl or publicKeys");
    }
    if (jwksUrl != null) {
      URI uri;
      try {
        uri = URI.create(jwksUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + "jwksUrl: '" + jwksUrl + "' is not a URL");
      }
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(at + "jwksUrl: '" + jwksUrl + "' must be an http or https URL with a host");
      }
    }
    for (String file : publicKeys) {
      try {
        PemKeys.read(Path.of(file));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + "publicKeys: " + e.getMessage());
      }
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException(at + "algorithms: list the accepted signing algorithms, e.g. [RS256]");
    }
    for (String alg : algorithms) {
      if (alg == null || !SUPPORTED.contains(alg)) {
        String why = alg != null && (alg.startsWith("HS") || alg.equalsIgnoreCase("none"))
            ? "is never accepted: the gateway verifies tokens with public keys only"
            : "is not supported";
        throw new IllegalArgumentException(at + "algorithms: '" + alg + "' " + why + "; supported: "
            + String.join(", ", new java.util.TreeSet<>(SUPPORTED)));
      }
    }
    if (rolesClaim.isBlank()) throw new IllegalArgumentException(at + "rolesClaim: must not be blank");
    requirePositive(refreshInterval, at + "refreshInterval");
    requirePositive(minRefreshInterval, at + "minRefreshInterval");
    requirePositive(fetchTimeout, at + "fetchTimeout");
    if (maxKeySetSize.bytes() < 1024) throw new IllegalArgumentException(at + "maxKeySetSize: must be at least 1KiB");
  }

  private static void requirePositive(Duration d, String field) {
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(field + ": must be a positive duration");
  }
}
