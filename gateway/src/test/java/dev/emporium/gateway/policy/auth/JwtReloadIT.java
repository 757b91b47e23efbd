package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.TestUpstream;
import org.junit.jupiter.api.Test;

/** A reload applies new identity settings at once and keeps the keys already fetched. */
class JwtReloadIT {

  static final String ISS = "https://id.test";

  private static String config(String audience, String jwksUrl, String upstream) {
    return """
        routes:
          - name: orders
            match: {path: /orders/**}
            cluster: app
            policies:
              - jwt:
                  issuers:
                    - {issuer: %s, jwksUrl: "%s", algorithms: [RS256], audiences: [%s]}
        clusters:
          - name: app
            endpoints:
              - address: %s
        """.formatted(ISS, jwksUrl, audience, upstream);
  }

  @Test
  void reloadAppliesNewSettingsWithoutFetchingKeysAgain() {
    RSAKey key = TestKeys.rsa("k1");
    String forOld = TestKeys.sign(key, TestKeys.claims(ISS, "old-api").build());
    String forNew = TestKeys.sign(key, TestKeys.claims(ISS, "new-api").build());
    try (JwksServer jwks = JwksServer.start(key);
        TestUpstream upstream = TestUpstream.echo();
        GatewayHarness gateway = GatewayHarness.start(config("old-api", jwks.url(), upstream.address()))) {
      assertThat(gateway.get("/orders/1", "Authorization", "Bearer " + forOld).statusCode()).isEqualTo(200);
      assertThat(gateway.get("/orders/1", "Authorization", "Bearer " + forNew).statusCode()).isEqualTo(401);
      int fetches = jwks.requests();

      gateway.writeConfig(config("new-api", jwks.url(), upstream.address()));
      assertThat(gateway.admin("POST", "/admin/reload", true).statusCode()).isEqualTo(200);

      assertThat(gateway.get("/orders/1", "Authorization", "Bearer " + forNew).statusCode()).isEqualTo(200);
      assertThat(gateway.get("/orders/1", "Authorization", "Bearer " + forOld).statusCode())
          .as("a token verified under the old settings is not honoured from a cache").isEqualTo(401);
      assertThat(jwks.requests()).isEqualTo(fetches);
    }
  }
}
