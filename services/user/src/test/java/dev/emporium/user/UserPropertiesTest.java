package dev.emporium.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserPropertiesTest {

  @Test
  void aClientSecretMustBeConfiguredAsItsHash() {
    assertThatThrownBy(() -> new UserProperties.Client("plain-secret", List.of(), List.of()))
        .hasMessageContaining("secret-hash");
  }

  @Test
  void refusesWeakKeysAndPasswordHashing() {
    assertThatThrownBy(() -> new UserProperties.Keys(null, Duration.ofDays(30), Duration.ofMinutes(1), 1024))
        .hasMessageContaining("rsa-bits");
    assertThatThrownBy(() -> new UserProperties.Password(19456, 2, 1, 8, 32)).hasMessageContaining("salt-length");
  }

  @Test
  void refusesAnIssuerWithATrailingSlash() {
    assertThatThrownBy(() -> new UserProperties("user-events", "https://shop.example/", "emporium",
        Duration.ofHours(1), Duration.ofDays(7), List.of(), List.of("customer"),
        new UserProperties.Password(19456, 2, 1, 16, 32),
        new UserProperties.Keys(null, Duration.ofDays(30), Duration.ofMinutes(1), 2048), null))
        .hasMessageContaining("issuer");
  }

  @Test
  void scopesMayBeSpaceOrCommaSeparated() {
    UserProperties.Client client = new UserProperties.Client("$argon2id$v=19$m=1024,t=1,p=1$x$y",
        List.of("orders.read analytics.read", "cart.write"), List.of("service"));

    assertThat(client.scopes())
        .containsExactly("orders.read", "analytics.read", "cart.write");
  }
}
