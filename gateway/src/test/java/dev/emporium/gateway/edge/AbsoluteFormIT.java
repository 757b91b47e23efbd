package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.testing.GatewayHarness;
import dev.emporium.gateway.testing.RawExchange;
import dev.emporium.gateway.testing.RawHttp;
import dev.emporium.gateway.testing.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An absolute-form request target names the host (RFC 9112 §3.2.2); the Host header does not. */
class AbsoluteFormIT {

  static TestUpstream shop;
  static TestUpstream other;
  static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    shop = TestUpstream.echo();
    other = TestUpstream.echo();
    gateway = GatewayHarness.start("""
        routes:
          - name: shop
            match:
              hosts: [shop.example]
            cluster: shop
          - name: everything-else
            cluster: other
        clusters:
          - name: shop
            endpoints: [{address: %s}]
          - name: other
            endpoints: [{address: %s}]
        """.formatted(shop.address(), other.address()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    shop.close();
    other.close();
  }

  @Test
  void routesByTheTargetsAuthorityNotTheHostHeader() {
    RawExchange response = RawExchange.send(gateway.port(),
        RawHttp.crlf("GET http://shop.example/cart HTTP/1.1\nHost: other.example\nConnection: close\n\n"), 3_000);
    assertThat(response.status()).isEqualTo(200);
    assertThat(shop.take().header("Host")).isEqualTo("shop.example");
    assertThat(other.requestCount()).isZero();
  }

  @Test
  void routesByTheHostHeaderForAnOriginFormTarget() {
    RawExchange response = RawExchange.send(gateway.port(),
        RawHttp.crlf("GET /cart HTTP/1.1\nHost: shop.example\nConnection: close\n\n"), 3_000);
    assertThat(response.status()).isEqualTo(200);
    assertThat(shop.take().uri()).isEqualTo("/cart");
  }
}
