package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client can never speak for a verified identity: its own {@code X-User-Id}, {@code X-User-Roles},
 * {@code X-Scopes} and {@code X-Consumer} are removed on every route, with or without policies,
 * authenticated or not, and from trusted proxies too; only the identity policies set them.
 */
class IdentityHeadersIT {

  static final String ISS = "https://id.test";
  static RSAKey key = TestKeys.rsa("k1");
  static JwksServer jwks;
  static TestUpstream upstream;
  static GatewayHarness gateway;
  static GatewayHarness customList;

  static final String[] SPOOFED = {
      "X-User-Id", "mallory", "x-user-roles", "admin", "X-SCOPES", "everything", "X-Consumer", "partner",
  };

  @BeforeAll
  static void start() {
    jwks = JwksServer.start(key);
    upstream = TestUpstream.echo();
    String routes = """
        routes:
          - name: open
            match: {path: /open/**}
            cluster: app
          - name: secured
            match: {path: /secured/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %s, jwksUrl: "%s", algorithms: [RS256]}
          - name: keyed
            match: {path: /keyed/**}
            cluster: app
            policies:
              - api-key:
                  consumers:
                    - {name: storefront, keyHashes: [%s]}
        clusters:
          - name: app
            endpoints:
              - address: %s
        """.formatted(ISS, jwks.url(), ApiKeyIT.sha256Hex("storefront-key"), upstream.address());
    gateway = GatewayHarness.start("""
        server:
          eventLoops: 2
          watchConfig: false
          trustedProxies: [127.0.0.1/32]
        """ + routes);
    customList = GatewayHarness.start("""
        server:
          eventLoops: 1
          watchConfig: false
          identityHeaders: [X-User-Id, X-Tenant]
        """ + routes);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    customList.close();
    upstream.close();
    jwks.close();
  }

  @BeforeEach
  void forget() {
    upstream.drain();
  }

  private static void assertNoSpoofedIdentity(RecordedRequest seen) {
    assertThat(seen.headers().getAll("X-User-Roles")).isEmpty();
    assertThat(seen.headers().getAll("X-Scopes")).isEmpty();
    assertThat(seen.headers().getAll("X-Consumer")).isEmpty();
    assertThat(seen.headers().getAll("X-User-Id")).isEmpty();
  }

  @Test
  void removesThemOnARouteWithoutPolicies() {
    assertThat(gateway.get("/open/x", SPOOFED).statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertNoSpoofedIdentity(seen);
    // Other headers pass as ever.
    assertThat(gateway.get("/open/x", "X-Custom", "kept").statusCode()).isEqualTo(200);
    assertThat(upstream.take().header("X-Custom")).isEqualTo("kept");
  }

  @Test
  void removesThemWhenTheyComeThroughATrustedProxy() {
    List<String> headers = new java.util.ArrayList<>(List.of(SPOOFED));
    headers.addAll(List.of("X-Forwarded-For", "203.0.113.9"));
    assertThat(gateway.get("/open/x", headers.toArray(String[]::new)).statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertNoSpoofedIdentity(seen);
    assertThat(seen.header("X-Forwarded-For")).contains("203.0.113.9");
  }

  @Test
  void replacesThemWithTheVerifiedIdentityOnAnAuthenticatedRoute() {
    List<String> headers = new java.util.ArrayList<>(List.of(SPOOFED));
    headers.addAll(List.of("Authorization", "Bearer " + TestKeys.sign(key, TestKeys.claims(ISS, "x")
        .subject("bob").claim("roles", List.of("customer")).claim("scope", null).build())));
    assertThat(gateway.get("/secured/x", headers.toArray(String[]::new)).statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertThat(seen.headers().getAll("X-User-Id")).containsExactly("bob");
    assertThat(seen.headers().getAll("X-User-Roles")).containsExactly("customer");
    assertThat(seen.headers().getAll("X-Scopes")).isEmpty();
    assertThat(seen.headers().getAll("X-Consumer")).isEmpty();
  }

  @Test
  void anApiKeyConsumerCannotPassAsAUser() {
    List<String> headers = new java.util.ArrayList<>(List.of(SPOOFED));
    headers.addAll(List.of("X-Api-Key", "storefront-key"));
    assertThat(gateway.get("/keyed/x", headers.toArray(String[]::new)).statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertThat(seen.headers().getAll("X-Consumer")).containsExactly("storefront");
    assertThat(seen.headers().getAll("X-User-Id")).isEmpty();
    assertThat(seen.headers().getAll("X-User-Roles")).isEmpty();
  }

  @Test
  void aRefusedRequestSendsNothingUpstream() {
    assertThat(gateway.get("/secured/x", SPOOFED).statusCode()).isEqualTo(401);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void theListIsConfigurable() {
    assertThat(customList.get("/open/x", "X-Tenant", "acme", "X-User-Id", "mallory", "x-user-roles", "admin")
        .statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertThat(seen.headers().getAll("X-Tenant")).isEmpty();
    assertThat(seen.headers().getAll("X-User-Id")).isEmpty();
    // Not on this gateway's list, so it passes; the identity policies still replace their own.
    assertThat(seen.header("X-User-Roles")).isEqualTo("admin");
  }
}
