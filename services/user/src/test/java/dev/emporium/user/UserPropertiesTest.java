package dev.emporium.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
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

  @Test
  void serviceAccountsBindFromEnvironmentVariables() {
    Map<String, Object> env = Map.of(
        "EMPORIUM_USER_CLIENTS_REPORTING_SECRETHASH", "$argon2id$v=19$m=1024,t=1,p=1$x$y",
        "EMPORIUM_USER_CLIENTS_REPORTING_SCOPES", "orders.read analytics.read",
        "EMPORIUM_USER_CLIENTS_REPORTING_ROLES", "service");
    Binder binder = new Binder(ConfigurationPropertySources.from(
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));

    UserProperties properties = binder.bindOrCreate("emporium.user", UserProperties.class);

    UserProperties.Client client = properties.clients().get("reporting");
    assertThat(client.secretHash()).startsWith("$argon2id$");
    assertThat(client.scopes()).containsExactly("orders.read", "analytics.read");
    assertThat(client.roles()).containsExactly("service");
  }
}
