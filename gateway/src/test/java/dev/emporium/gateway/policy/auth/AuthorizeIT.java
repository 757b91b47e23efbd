package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code authorize} policy: scopes and roles required per route, read from the verified identity. */
class AuthorizeIT {

  static final String ISS = "https://id.test";
  static ECKey key = TestKeys.ec("k1");
  static JwksServer jwks;
  static TestUpstream upstream;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    jwks = JwksServer.start(key);
    upstream = TestUpstream.echo();
    String jwt = """
              - jwt:
                  issuers:
                    - {issuer: %s, jwksUrl: "%s", algorithms: [ES256], rolesClaim: realm_access.roles}
        """.formatted(ISS, jwks.url());
    gateway = GatewayHarness.start("""
        routes:
          - name: write
            match: {path: /orders/**}
            cluster: app
            policies:
        %1$s
              - authorize: {scopes: [orders:read, orders:write]}
          - name: admin
            match: {path: /admin/**}
            cluster: app
            policies:
        %1$s
              - authorize: {roles: [admin, support]}
          - name: nobody-first
            match: {path: /unauthenticated/**}
            cluster: app
            policies:
              - authorize: {roles: [admin]}
          - name: keyed
            match: {path: /keyed/**}
            cluster: app
            policies:
              - api-key:
                  consumers:
                    - {name: reporting, keyHashes: [%2$s], scopes: [reports:read]}
              - authorize: {scopes: [reports:read, reports:write], scopesMatch: any}
        clusters:
          - name: app
            endpoints:
              - address: %3$s
        """.formatted(jwt, ApiKeyIT.sha256Hex("rk"), upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
    jwks.close();
  }

  private static String token(String scope, List<String> roles) {
    return TestKeys.sign(key, TestKeys.claims(ISS, "x").claim("scope", scope)
        .claim("realm_access", java.util.Map.of("roles", roles)).claim("roles", null).build());
  }

  private static HttpResponse<String> get(String path, String token) {
    return gateway.get(path, "Authorization", "Bearer " + token);
  }

  @Test
  void requiresEveryListedScope() {
    assertThat(get("/orders/1", token("orders:read orders:write", List.of())).statusCode()).isEqualTo(200);
    HttpResponse<String> missing = get("/orders/1", token("orders:read", List.of("admin")));
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(Problems.type(missing)).isEqualTo("insufficient-scope");
    assertThat(missing.headers().firstValue("WWW-Authenticate").orElseThrow()).isEqualTo(
        "Bearer realm=\"emporium\", error=\"insufficient_scope\", error_description=\"The request needs a scope the"
            + " token does not grant\", scope=\"orders:read orders:write\"");
  }

  @Test
  void requiresOneOfTheListedRolesFromANestedClaim() {
    assertThat(get("/admin/x", token("", List.of("support"))).statusCode()).isEqualTo(200);
    HttpResponse<String> missing = get("/admin/x", token("orders:read", List.of("customer")));
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(Problems.type(missing)).isEqualTo("missing-role");
    // A role claimed in a header by the client counts for nothing.
    assertThat(gateway.get("/admin/x", "Authorization", "Bearer " + token("", List.of()), "X-User-Roles", "admin")
        .statusCode()).isEqualTo(403);
  }

  @Test
  void withoutAVerifiedIdentityItIsUnauthenticated() {
    HttpResponse<String> response = gateway.get("/unauthenticated/x", "X-User-Roles", "admin", "X-User-Id", "root");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Problems.type(response)).isEqualTo("authentication-required");
  }

  @Test
  void worksWithApiKeyConsumers() {
    assertThat(gateway.get("/keyed/x", "X-Api-Key", "rk").statusCode()).isEqualTo(200);
  }
}
