package dev.emporium.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.HostAndPort;
import org.junit.jupiter.api.Test;

class AbsoluteFormAuthorityTest {

  @Test
  void readsTheAuthorityOfHttpAndHttpsTargets() {
    HostAndPort a = DefaultExchange.absoluteFormAuthority("http://shop.example:8080/cart?x=1");
    assertThat(a.host()).isEqualTo("shop.example");
    assertThat(a.port()).isEqualTo(8080);
    assertThat(DefaultExchange.absoluteFormAuthority("HTTPS://Shop.Example/x").host()).isEqualToIgnoringCase("shop.example");
    assertThat(DefaultExchange.absoluteFormAuthority("http://shop.example").port()).isEqualTo(-1);
  }

  @Test
  void ignoresOriginFormAndOtherSchemes() {
    assertThat(DefaultExchange.absoluteFormAuthority("/cart")).isNull();
    assertThat(DefaultExchange.absoluteFormAuthority("ftp://x/y")).isNull();
    assertThat(DefaultExchange.absoluteFormAuthority("http:///nohost")).isNull();
  }
}
