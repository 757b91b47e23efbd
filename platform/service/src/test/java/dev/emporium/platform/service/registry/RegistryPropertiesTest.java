package dev.emporium.platform.service.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryPropertiesTest {

  private static RegistryProperties.Etcd etcd(List<String> endpoints, Duration ttl) {
    return new RegistryProperties.Etcd(endpoints, "/emporium", ttl, Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  @Test
  void readsEndpointsAsHostPortOrUrls() {
    RegistryProperties.Etcd etcd = etcd(List.of("etcd-1:2379", " http://etcd-2:2380/ ", "https://[::1]:2379", ""),
        Duration.ofSeconds(10));

    assertThat(etcd.uris()).containsExactly(URI.create("http://etcd-1:2379"), URI.create("http://etcd-2:2380"),
        URI.create("https://[::1]:2379"));
    assertThat(etcd.enabled()).isTrue();
    assertThat(etcd.keepAliveInterval()).isBetween(Duration.ofMillis(3333), Duration.ofMillis(3334));
  }

  @Test
  void isOffWithoutEndpoints() {
    assertThat(etcd(List.of(), Duration.ofSeconds(10)).enabled()).isFalse();
    assertThat(etcd(null, Duration.ofSeconds(10)).enabled()).isFalse();
  }

  @Test
  void refusesBadSettingsNamingTheProperty() {
    assertThatThrownBy(() -> etcd(List.of("etcd-1"), Duration.ofSeconds(10)))
        .hasMessage("emporium.registry.etcd.endpoints: 'etcd-1' names no port (etcd's client port is usually 2379)");
    assertThatThrownBy(() -> etcd(List.of("grpc://etcd-1:2379"), Duration.ofSeconds(10)))
        .hasMessageContaining("emporium.registry.etcd.endpoints").hasMessageContaining("http or https");
    assertThatThrownBy(() -> etcd(List.of("etcd-1:2379/v3"), Duration.ofSeconds(10)))
        .hasMessageContaining("without a path");
    assertThatThrownBy(() -> etcd(List.of("etcd-1:2379"), Duration.ofSeconds(1)))
        .hasMessageStartingWith("emporium.registry.etcd.ttl must be between 2s");
    assertThatThrownBy(() -> new RegistryProperties.Etcd(List.of(), "emporium", Duration.ofSeconds(10),
        Duration.ofSeconds(2), Duration.ZERO)).hasMessageStartingWith("emporium.registry.etcd.prefix");
    assertThatThrownBy(() -> new RegistryProperties.Etcd(List.of(), "/emporium", Duration.ofSeconds(6),
        Duration.ofSeconds(2), Duration.ZERO)).hasMessageStartingWith("emporium.registry.etcd.request-timeout");
    RegistryProperties.Etcd etcd = etcd(List.of(), Duration.ofSeconds(10));
    assertThatThrownBy(() -> new RegistryProperties(etcd, null, null, null, null, null, 0, null))
        .hasMessageStartingWith("emporium.registry.weight must be in 1..1000");
    assertThatThrownBy(() -> new RegistryProperties(etcd, "a/b", null, null, null, null, 1, null))
        .hasMessageStartingWith("emporium.registry.service-name");
    assertThatThrownBy(() -> new RegistryProperties(etcd, null, null, null, 70000, null, 1, null))
        .hasMessageStartingWith("emporium.registry.advertised-port");
  }

  @Test
  void advertisesLoopbackWhenBoundToLoopbackAndTheBoundAddressOtherwise() {
    assertThat(AdvertisedHost.resolve(null, "127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(AdvertisedHost.resolve(null, "localhost")).isIn("127.0.0.1", "::1");
    assertThat(AdvertisedHost.resolve(null, "10.1.2.3")).isEqualTo("10.1.2.3");
    assertThat(AdvertisedHost.resolve("svc.internal", "127.0.0.1")).isEqualTo("svc.internal");
    assertThat(AdvertisedHost.resolve(null, "0.0.0.0")).isEqualTo(AdvertisedHost.firstNonLoopback());
    assertThat(AdvertisedHost.resolve(null, null)).isEqualTo(AdvertisedHost.firstNonLoopback());
    assertThat(AdvertisedHost.hostPort("::1", 8080)).isEqualTo("[::1]:8080");
  }
}
