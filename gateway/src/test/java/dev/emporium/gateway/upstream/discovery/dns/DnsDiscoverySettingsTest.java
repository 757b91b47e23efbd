package dev.emporium.gateway.upstream.discovery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emporium.gateway.upstream.EndpointAddress;
import dev.emporium.gateway.upstream.DiscoverySettingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsDiscoverySettingsTest {

  @Test
  void defaultsToAddressesOfBothFamiliesEveryFiveSecondsFromTheHostsResolvers() {
    DnsDiscoverySettings s = DnsDiscoverySettings.parse(Map.of("name", "product.emporium.svc.cluster.local", "port", "8082"));

    assertThat(s.records()).isEqualTo(DnsDiscoverySettings.Records.ANY);
    assertThat(s.port()).isEqualTo(8082);
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.minInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.maxInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.servers()).isEmpty();
    assertThat(s.weight()).isEqualTo(1);
    assertThat(s.zone()).isNull();
    assertThat(s.maxMembers()).isEqualTo(512);
  }

  @Test
  void readsServersWithAndWithoutPorts() {
    DnsDiscoverySettings s = DnsDiscoverySettings.parse(Map.of("name", "a.b", "port", "1",
        "servers", "10.96.0.10, 10.96.0.11:5353,[fd00::10]:53"));

    assertThat(s.servers()).containsExactly(new EndpointAddress("10.96.0.10", 53),
        new EndpointAddress("10.96.0.11", 5353), new EndpointAddress("fd00::10", 53));
  }

  @Test
  void boundsTheWaitAfterAnSrvAnswerByItsTtl() {
    DnsDiscoverySettings s = DnsDiscoverySettings.parse(Map.of("name", "_http._tcp.a.b", "records", "srv",
        "minInterval", "2s", "maxInterval", "20s"));

    assertThat(s.port()).isZero();
    assertThat(s.afterTtl(0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.afterTtl(7)).isEqualTo(Duration.ofSeconds(7));
    assertThat(s.afterTtl(3600)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void namesTheSettingAtFault() {
    assertRefused(Map.of("port", "80"), "name", "required");
    assertRefused(Map.of("name", "bad name.local", "port", "80"), "name", "not a DNS name");
    assertRefused(Map.of("name", "a..b", "port", "80"), "name", "not a DNS name");
    assertRefused(Map.of("name", "a.b"), "port", "required");
    assertRefused(Map.of("name", "a.b", "port", "0"), "port", "must be 1-65535, is 0");
    assertRefused(Map.of("name", "a.b", "port", "http"), "port", "not a whole number");
    assertRefused(Map.of("name", "a.b", "records", "srv", "port", "80"), "port", "SRV records carry their own port");
    assertRefused(Map.of("name", "a.b", "records", "srv", "weight", "2"), "weight", "SRV records carry their own weights");
    assertRefused(Map.of("name", "a.b", "port", "80", "records", "mx"), "records", "not one of a, aaaa, a+aaaa, srv");
    assertRefused(Map.of("name", "a.b", "port", "80", "interval", "5"), "interval", "not a duration");
    assertRefused(Map.of("name", "a.b", "port", "80", "interval", "1ms"), "interval", "at least 10ms");
    assertRefused(Map.of("name", "a.b", "port", "80", "minInterval", "10s", "maxInterval", "5s"), "maxInterval",
        "shorter than minInterval");
    assertRefused(Map.of("name", "a.b", "port", "80", "timeout", "2m"), "timeout", "at most 1m");
    assertRefused(Map.of("name", "a.b", "port", "80", "servers", "10.0.0.1,,10.0.0.2"), "servers", "empty entry");
    assertRefused(Map.of("name", "a.b", "port", "80", "servers", "10.0.0.1:99999"), "servers", "port must be 1-65535");
    assertRefused(Map.of("name", "a.b", "port", "80", "weight", "1001"), "weight", "must be 1-1000");
    assertRefused(Map.of("name", "a.b", "port", "80", "zone", " "), "zone", "blank");
    assertRefused(Map.of("name", "a.b", "port", "80", "maxMembers", "0"), "maxMembers", "must be 1-100000");
    assertRefused(Map.of("name", "a.b", "port", "80", "ttl", "5s"), "ttl", "unknown setting; known: ");
  }

  @Test
  void refusesMoreThanSixteenServers() {
    Map<String, String> settings = new HashMap<>(Map.of("name", "a.b", "port", "80"));
    settings.put("servers", String.join(",", java.util.Collections.nCopies(17, "10.0.0.1")));
    assertRefused(settings, "servers", "at most 16 servers");
  }

  private static void assertRefused(Map<String, String> settings, String setting, String message) {
    DiscoverySettingException e = catchThrowableOfType(DiscoverySettingException.class,
        () -> DnsDiscoverySettings.parse(settings));
    assertThat(e).as("settings %s should be refused", settings).isNotNull();
    assertThat(e.setting()).as("the setting named for %s", settings).isEqualTo("settings." + setting);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void acceptsUnderscoresOfServiceLabelsAndATrailingDot() {
    assertThat(DnsDiscoverySettings.parse(Map.of("name", "_grpc._tcp.product.emporium.svc.cluster.local.",
        "records", "srv")).name()).isEqualTo("_grpc._tcp.product.emporium.svc.cluster.local.");
    assertThat(List.of(DnsDiscoverySettings.Records.values())).hasSize(4);
  }
}
