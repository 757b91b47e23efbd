package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8", "127.0.0.1"));

  @Test
  void trustsAddressesInItsRangesOnly() {
    assertThat(proxies.trusts("10.9.9.9")).isTrue();
    assertThat(proxies.trusts("fd00::5")).isTrue();
    assertThat(proxies.trusts("::ffff:10.0.0.1")).isTrue();
    assertThat(proxies.trusts("127.0.0.2")).isFalse();
    assertThat(proxies.trusts("203.0.113.7")).isFalse();
    assertThat(proxies.trusts("unknown")).isFalse();
    assertThat(TrustedProxies.NONE.trusts("127.0.0.1")).isFalse();
  }

  @Test
  void ignoresForwardedForFromAnUntrustedPeer() {
    assertThat(proxies.clientAddress("203.0.113.7", "1.1.1.1")).isEqualTo("203.0.113.7");
    assertThat(TrustedProxies.NONE.clientAddress("127.0.0.1", "1.1.1.1")).isEqualTo("127.0.0.1");
  }

  @Test
  void takesTheRightMostUntrustedHopFromATrustedPeer() {
    assertThat(proxies.clientAddress("10.0.0.1", "198.51.100.9")).isEqualTo("198.51.100.9");
    // The client wrote 6.6.6.6 itself; the trusted proxies appended what they saw.
    assertThat(proxies.clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.9, 10.0.0.2")).isEqualTo("198.51.100.9");
    assertThat(proxies.clientAddress("fd00::1", "2001:db8::7, fd00::2")).isEqualTo("2001:db8::7");
  }

  @Test
  void readsEveryForwardedForLineInOrder() {
    // A proxy that adds its own line instead of extending the client's.
    assertThat(proxies.clientAddress("10.0.0.1", List.of("6.6.6.6", "198.51.100.9"))).isEqualTo("198.51.100.9");
  }

  @Test
  void fallsBackToTheLeftMostHopWhenEveryHopIsTrusted() {
    assertThat(proxies.clientAddress("10.0.0.1", "10.0.0.3, 10.0.0.2")).isEqualTo("10.0.0.3");
  }

  @Test
  void stopsAtAHopThatIsNotAnAddress() {
    assertThat(proxies.clientAddress("10.0.0.1", "6.6.6.6, garbage")).isEqualTo("10.0.0.1");
    assertThat(proxies.clientAddress("10.0.0.1", "198.51.100.9:4711")).isEqualTo("10.0.0.1");
  }

  @Test
  void usesThePeerWhenThereIsNoForwardedFor() {
    assertThat(proxies.clientAddress("10.0.0.1", (String) null)).isEqualTo("10.0.0.1");
    assertThat(proxies.clientAddress("10.0.0.1", " , ")).isEqualTo("10.0.0.1");
    assertThat(proxies.clientAddress("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
  }

  @Test
  void acceptsBracketedIpv6Hops() {
    assertThat(proxies.clientAddress("10.0.0.1", "[2001:db8::7]")).isEqualTo("[2001:db8::7]");
  }
}
