package dev.emporium.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

  @Test
  void writesAnIpv4PeerBare() {
    assertThat(ForwardedHeaders.element("192.0.2.60", "http", "example.com"))
        .isEqualTo("for=192.0.2.60;proto=http;host=\"example.com\"");
  }

  @Test
  void quotesAndBracketsAnIpv6Peer() {
    // RFC 7239 section 6: an IPv6 node is "[...]" and so must be a quoted-string.
    assertThat(ForwardedHeaders.element("2001:db8:cafe::17", "https", "example.com:8443"))
        .isEqualTo("for=\"[2001:db8:cafe::17]\";proto=https;host=\"example.com:8443\"");
  }

  @Test
  void leavesOutAnUnknownHost() {
    assertThat(ForwardedHeaders.element("192.0.2.60", "http", null)).isEqualTo("for=192.0.2.60;proto=http");
  }
}
