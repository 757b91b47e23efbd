package dev.emporium.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  private static boolean contains(String range, String address) {
    return Cidr.parse(range).contains(Cidr.parseAddress(address));
  }

  @Test
  void matchesIpv4Ranges() {
    assertThat(contains("10.0.0.0/8", "10.1.2.3")).isTrue();
    assertThat(contains("10.0.0.0/8", "11.0.0.1")).isFalse();
    assertThat(contains("192.168.1.0/24", "192.168.1.255")).isTrue();
    assertThat(contains("192.168.1.0/24", "192.168.2.0")).isFalse();
    assertThat(contains("172.16.0.0/12", "172.31.255.255")).isTrue();
    assertThat(contains("172.16.0.0/12", "172.32.0.0")).isFalse();
    assertThat(contains("0.0.0.0/0", "8.8.8.8")).isTrue();
  }

  @Test
  void treatsABareAddressAsASingleHost() {
    assertThat(contains("127.0.0.1", "127.0.0.1")).isTrue();
    assertThat(contains("127.0.0.1", "127.0.0.2")).isFalse();
    assertThat(contains("::1", "::1")).isTrue();
    assertThat(contains("::1", "::2")).isFalse();
  }

  @Test
  void normalizesTheNetworkOfARangeWithHostBits() {
    assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
    assertThat(contains("10.1.2.3/8", "10.200.0.1")).isTrue();
  }

  @Test
  void matchesIpv6Ranges() {
    assertThat(contains("fd00::/8", "fd12:3456::1")).isTrue();
    assertThat(contains("fd00::/8", "fe80::1")).isFalse();
    assertThat(contains("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
    assertThat(contains("2001:db8::/32", "2001:db9::1")).isFalse();
    assertThat(contains("2001:db8::/33", "2001:db8:8000::1")).isFalse();
    assertThat(contains("[2001:db8::1]", "2001:db8::1")).isTrue();
  }

  @Test
  void neverMatchesAcrossFamilies() {
    assertThat(contains("0.0.0.0/0", "::1")).isFalse();
    assertThat(contains("::/0", "127.0.0.1")).isFalse();
  }

  @Test
  void readsIpv4MappedIpv6AddressesAsIpv4() {
    assertThat(contains("10.0.0.0/8", "::ffff:10.1.2.3")).isTrue();
    assertThat(contains("127.0.0.1", "[::ffff:127.0.0.1]")).isTrue();
    assertThat(contains("::ffff:10.0.0.0/104", "10.0.0.1")).isTrue();
    assertThat(contains("::ffff:10.0.0.0/104", "11.0.0.1")).isFalse();
    assertThatThrownBy(() -> Cidr.parse("::ffff:10.0.0.0/64")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ignoresAnIpv6ZoneId() {
    assertThat(contains("fe80::/10", "fe80::1%eth0")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "", "1.2.3",
      "256.0.0.1", "10.0.0.0/"})
  void refusesWhatIsNotAnAddressOrRange(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverResolvesANameWhenParsingAnAddress() {
    assertThat(Cidr.parseAddress("localhost")).isNull();
    assertThat(Cidr.parseAddress("unknown")).isNull();
    assertThat(Cidr.parseAddress("1.2.3.4:80")).isNull();
    assertThat(Cidr.parseAddress(null)).isNull();
  }
}
