package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Auth decisions are taken on the route the normalized path matches, so every spelling of a
 * protected path meets the same policy: none reaches the upstream without a token, and with one
 * every spelling arrives as the one canonical path.
 */
class AuthPathSpellingIT {

  static final String ISS = "https://id.test";
  static RSAKey key = TestKeys.rsa("k1");
  static JwksServer jwks;
  static TestUpstream upstream;
  static GatewayHarness gateway;
  static GatewayHarness keepingSlashes;

  @BeforeAll
  static void start() {
    jwks = JwksServer.start(key);
    upstream = TestUpstream.echo();
    String config = """
        server:
          eventLoops: 1
          watchConfig: false
          encodedSlashes: %s
        routes:
          - name: private
            match: {path: /api/private/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %s, jwksUrl: "%s", algorithms: [RS256]}
          - name: public
            match: {path: /api/**}
            cluster: app
        clusters:
          - name: app
            endpoints:
              - address: %s
        """;
    gateway = GatewayHarness.start(config.formatted("reject", ISS, jwks.url(), upstream.address()));
    keepingSlashes = GatewayHarness.start(config.formatted("keep", ISS, jwks.url(), upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    keepingSlashes.close();
    upstream.close();
    jwks.close();
  }

  @BeforeEach
  void forget() {
    upstream.drain();
  }

  private static RawExchange get(GatewayHarness gateway, String target, String token) {
    return RawExchange.send(gateway.port(), "GET " + target + " HTTP/1.1\nHost: x\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\n") + "Connection: close\n\n", 5_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/private/orders", "//api//private//orders", "/api/./private/orders", "/api/%2e/private/orders",
      "/api/public/../private/orders", "/api/public/%2e%2e/private/orders", "/api/%70rivate/orders",
      "/api/priv%61te/orders", "/api/PRIVATE/../private/orders", "/./api/private/./orders/.",
  })
  void everySpellingOfAProtectedPathNeedsAToken(String target) {
    RawExchange anonymous = get(gateway, target, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(upstream.drain()).isEmpty();

    RawExchange authenticated = get(gateway, target, TestKeys.sign(key, TestKeys.claims(ISS, "x").build()));
    assertThat(authenticated.status()).isEqualTo(200);
    assertThat(upstream.take().uri()).startsWith("/api/private/orders");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api%2fprivate/orders", "/api%2Fprivate%2Forders", "/api/x%2f..%2fprivate/orders",
      "/api%5cprivate/orders"})
  void encodedSlashesNeverReachTheProtectedRouteUnauthenticated(String target) {
    RawExchange rejecting = get(gateway, target, null);
    assertThat(rejecting.status()).isEqualTo(400);
    // Kept encoded, the slash is data, not a separator: the path is not under /api/private/.
    RawExchange keeping = get(keepingSlashes, target, null);
    assertThat(keeping.status()).isIn(200, 401, 404);
    if (keeping.status() == 200) assertThat(upstream.take().uri()).doesNotStartWith("/api/private/");
    assertThat(upstream.drain()).isEmpty();
  }
}
