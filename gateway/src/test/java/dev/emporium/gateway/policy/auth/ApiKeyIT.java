package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.RecordedRequest;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code api-key} policy: keys per consumer, stored as SHA-256 hashes, sent in a header. */
class ApiKeyIT {

  static TestUpstream upstream;
  static GatewayHarness gateway;

  static String sha256Hex(String key) {
    return HexFormat.of().formatHex(TokenHash.sha256(key.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeAll
  static void start() {
    upstream = TestUpstream.echo();
    gateway = GatewayHarness.start("""
        routes:
          - name: partners
            match: {path: /partners/**}
            cluster: app
            policies:
              - api-key:
                  consumers:
                    - name: storefront
                      keyHashes: [%s, %s]
                      roles: [catalogue-reader]
                      scopes: [products:read]
                    - name: warehouse
                      keyHashes: ["%s"]
          - name: custom
            match: {path: /custom/**}
            cluster: app
            policies:
              - api-key:
                  header: X-Partner-Key
                  forwardKey: true
                  consumers:
                    - {name: warehouse, keyHashes: [%s]}
        clusters:
          - name: app
            endpoints:
              - address: %s
        """.formatted(sha256Hex("sf-key-2024"), sha256Hex("sf-key-2025"), sha256Hex("wh-key").toUpperCase(),
        sha256Hex("wh-key"), upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void forget() {
    upstream.drain();
  }

  @Test
  void aGoodKeyMakesItsConsumerTheIdentity() {
    for (String key : new String[] {"sf-key-2024", "sf-key-2025"}) {
      assertThat(gateway.get("/partners/x", "X-Api-Key", key).statusCode()).isEqualTo(200);
      RecordedRequest seen = upstream.take();
      assertThat(seen.header("X-Consumer")).isEqualTo("storefront");
      assertThat(seen.header("X-User-Roles")).isEqualTo("catalogue-reader");
      assertThat(seen.header("X-Scopes")).isEqualTo("products:read");
      assertThat(seen.header("X-User-Id")).isNull();
      assertThat(seen.header("X-Api-Key")).as("the key stays at the gateway").isNull();
    }
    assertThat(gateway.get("/partners/x", "X-Api-Key", "wh-key").statusCode()).isEqualTo(200);
    assertThat(upstream.take().header("X-Consumer")).isEqualTo("warehouse");
  }

  @Test
  void aBadKeyIsRefusedWithoutEchoingIt() {
    for (String key : new String[] {"sf-key-2023", "SF-KEY-2024", "sf-key-2024 x", sha256Hex("sf-key-2024")}) {
      HttpResponse<String> response = gateway.get("/partners/x", "X-Api-Key", key);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Problems.type(response)).isEqualTo("invalid-api-key");
      assertThat(response.headers().firstValue("WWW-Authenticate")).contains("ApiKey realm=\"emporium\"");
      assertThat(response.body()).doesNotContain(key);
    }
    assertThat(upstream.drain()).isEmpty();
    assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_auth_decisions_total", "route", "partners",
        "policy", "api-key", "reason", "invalid-api-key")).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aMissingKeyIsRefused() {
    HttpResponse<String> response = gateway.get("/partners/x");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Problems.type(response)).isEqualTo("authentication-required");
    // The key of another header does not count.
    assertThat(gateway.get("/partners/x", "X-Partner-Key", "wh-key").statusCode()).isEqualTo(401);
    assertThat(upstream.drain()).isEmpty();
  }

  @Test
  void readsTheConfiguredHeaderAndForwardsTheKeyWhenAsked() {
    assertThat(gateway.get("/custom/x", "X-Partner-Key", "wh-key").statusCode()).isEqualTo(200);
    RecordedRequest seen = upstream.take();
    assertThat(seen.header("X-Consumer")).isEqualTo("warehouse");
    assertThat(seen.header("X-Partner-Key")).isEqualTo("wh-key");
    assertThat(gateway.get("/custom/x", "X-Api-Key", "wh-key").statusCode()).isEqualTo(401);
  }
}
