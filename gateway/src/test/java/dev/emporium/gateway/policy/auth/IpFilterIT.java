package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.Metrics;
import dev.emporium.gateway.testing.Problems;
import dev.emporium.gateway.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code ip-filter} policy on the client address the gateway resolved: the peer, or what a
 * trusted proxy says in X-Forwarded-For, over IPv4 and IPv6, with CIDR ranges.
 */
class IpFilterIT {

  static TestUpstream upstream;
  static GatewayHarness gateway;
  static GatewayHarness untrusting;

  static final String ROUTES = """
      routes:
        - name: allow
          match: {path: /allow/**}
          cluster: app
          policies:
            - ip-filter:
                allow: [203.0.113.0/24, "2001:db8:1::/48", 127.0.0.1]
                deny: [203.0.113.66/32, "2001:db8:1::bad"]
        - name: deny
          match: {path: /deny/**}
          cluster: app
          policies:
            - ip-filter:
                deny: [198.51.100.0/24, "2001:db8:bad::/48", "::1"]
      clusters:
        - name: app
          endpoints:
            - address: %s
      """;

  @BeforeAll
  static void start() {
    upstream = TestUpstream.echo();
    gateway = GatewayHarness.start("""
        listeners:
          - name: public
            host: 127.0.0.1
            port: 0
          - name: public6
            host: "::1"
            port: 0
        server:
          eventLoops: 1
          watchConfig: false
          trustedProxies: [127.0.0.1/32]
        """ + ROUTES.formatted(upstream.address()));
    untrusting = GatewayHarness.start(ROUTES.formatted(upstream.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    untrusting.close();
    upstream.close();
  }

  @ParameterizedTest(name = "{0} from {1} -> {2}")
  @CsvSource({
      "/allow/x, 203.0.113.5,      200",
      "/allow/x, 203.0.113.66,     403",
      "/allow/x, 192.0.2.1,        403",
      "/allow/x, 2001:db8:1::5,    200",
      "/allow/x, 2001:db8:1:ffff::1, 200",
      "/allow/x, 2001:db8:1::bad,  403",
      "/allow/x, 2001:db8:2::1,    403",
      "/allow/x, ::ffff:203.0.113.9, 200",
      "/deny/x,  198.51.100.7,     403",
      "/deny/x,  192.0.2.1,        200",
      "/deny/x,  2001:db8:bad::1,  403",
      "/deny/x,  2001:db8:bae::1,  200",
  })
  void judgesTheAddressATrustedProxyForwards(String path, String client, int status) {
    HttpResponse<String> response = gateway.get(path, "X-Forwarded-For", client);
    assertThat(response.statusCode()).isEqualTo(status);
    if (status == 403) {
      assertThat(Problems.type(response)).isEqualTo("ip-denied");
      assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void judgesThePeerItselfOverIpv4AndIpv6() throws Exception {
    assertThat(gateway.get("/deny/x").statusCode()).isEqualTo(200);
    int v6 = gateway.gateway().port("public6");
    HttpResponse<String> fromV6 = gateway.client().send(
        HttpRequest.newBuilder(URI.create("http://[::1]:" + v6 + "/deny/x")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(fromV6.statusCode()).isEqualTo(403);
    HttpResponse<String> allowedV6 = gateway.client().send(
        HttpRequest.newBuilder(URI.create("http://[::1]:" + v6 + "/allow/x")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(allowedV6.statusCode()).as("::1 is not on the allow list").isEqualTo(403);
    assertThat(Metrics.value(Metrics.scrape(gateway), "gateway_auth_decisions_total", "route", "deny",
        "policy", "ip-filter", "reason", "ip-denied")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void ignoresForwardedForFromAnUntrustedPeer() {
    // 127.0.0.1 is allowed, 198.51.100.7 denied: the untrusted header changes neither verdict.
    assertThat(untrusting.get("/allow/x", "X-Forwarded-For", "192.0.2.1").statusCode()).isEqualTo(200);
    assertThat(untrusting.get("/deny/x", "X-Forwarded-For", "198.51.100.7").statusCode()).isEqualTo(200);
  }
}
