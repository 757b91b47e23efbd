package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Paths are matched in their normalized spelling and the upstream receives exactly that spelling,
 * so no spelling of a path can reach a route (or skip the policies of one) that its canonical
 * form would not.
 */
class EdgePathIT {

  static TestUpstream publicSide;
  static TestUpstream adminSide;
  static GatewayHarness gateway;
  static GatewayHarness keepingSlashes;

  private static final String ROUTES = """
      server:
        eventLoops: 1
        watchConfig: false
        encodedSlashes: %s
      routes:
        - name: public
          match:
            path: /public/**
          cluster: public
        - name: admin
          match:
            path: /admin/**
          cluster: admin
        - name: files
          match:
            path: /files/{name}
          cluster: public
      clusters:
        - name: public
          endpoints:
            - address: %s
        - name: admin
          endpoints:
            - address: %s
      """;

  @BeforeAll
  static void start() {
    publicSide = TestUpstream.fixed(200, "public");
    adminSide = TestUpstream.fixed(200, "admin");
    gateway = GatewayHarness.start(ROUTES.formatted("reject", publicSide.address(), adminSide.address()));
    keepingSlashes = GatewayHarness.start(ROUTES.formatted("keep", publicSide.address(), adminSide.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    keepingSlashes.close();
    publicSide.close();
    adminSide.close();
  }

  @BeforeEach
  void forget() {
    publicSide.drain();
    adminSide.drain();
  }

  private static RawExchange get(GatewayHarness gateway, String target) {
    return RawExchange.send(gateway.port(), "GET " + target + " HTTP/1.1\nHost: x\nConnection: close\n\n", 3_000);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "//public//orders,              /public/orders",
      "/public/./orders,              /public/orders",
      "/public/x/../orders,           /public/orders",
      "/public/orders/.,              /public/orders/",
      "/%70ublic/%6Frders,            /public/orders",
      "/public/%2e/orders,            /public/orders",
      "/public/%2E%2e/public/orders,  /public/orders",
      "/../../public/orders,          /public/orders",
      "/public/caf%c3%a9,             /public/caf%C3%A9",
      "/public/a%20b,                 /public/a%20b",
      "/public/a#b,                   /public/a%23b",
  })
  void sendsTheUpstreamExactlyTheNormalizedPath(String sent, String received) {
    assertThat(get(gateway, sent).status()).isEqualTo(200);
    assertThat(publicSide.take().uri()).isEqualTo(received);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/public/../admin/users", "/public/%2e%2e/admin/users", "/public/%2E%2E/admin/users",
      "/public/.%2e/admin/users", "//public//..//admin/users", "/public/x/../../admin/users",
  })
  void routesADotSegmentEscapeByWhereItLeadsNotWhereItStarts(String sent) {
    RawExchange response = get(gateway, sent);
    assertThat(response.body()).isEqualTo("admin");
    assertThat(adminSide.take().uri()).isEqualTo("/admin/users");
    assertThat(publicSide.drain()).isEmpty();
  }

  @Test
  void passesTheQueryUntouched() {
    get(gateway, "/public/./orders?b=%2e%2e&a=1/../2");
    assertThat(publicSide.take().uri()).isEqualTo("/public/orders?b=%2e%2e&a=1/../2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/files/a%2fb", "/files/a%2Fb", "/files/a%5cb", "/public/%2e%2e%2fadmin/users", "/public/a%00b",
      "/public/..;/admin/users", "/public/a%zz", "/public/a\\b",
  })
  void refusesDangerousSpellingsWithAProblem(String sent) {
    RawExchange response = get(gateway, sent);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"requestId\"");
    assertThat(publicSide.drain()).isEmpty();
    assertThat(adminSide.drain()).isEmpty();
  }

  @Test
  void passesAnEncodedSlashOnEncodedWhenConfiguredToKeepIt() {
    RawExchange response = get(keepingSlashes, "/files/a%2fb");
    assertThat(response.status()).isEqualTo(200);
    assertThat(publicSide.take().uri()).isEqualTo("/files/a%2Fb");
  }

  @Test
  void neverLetsAKeptEncodedSlashActAsASeparator() {
    RawExchange response = get(keepingSlashes, "/public/..%2f..%2fadmin/users");
    assertThat(response.status()).isEqualTo(200);
    assertThat(publicSide.take().uri()).isEqualTo("/public/..%2F..%2Fadmin/users");
    assertThat(adminSide.drain()).isEmpty();
  }
}
