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
        new UserProperties.Keys(null, Duration.ofDays(30), Duration.ofMinutes(1), 2048), null, null,
        Duration.ofMinutes(5)))
        .hasMessageContaining("issuer");
  }

  @Test
  void authorizationCodesLiveBetweenOneSecondAndTenMinutes() {
    assertThatThrownBy(() -> properties(Map.of("EMPORIUM_USER_AUTHORIZATIONCODETTL", "11m")))
        .hasStackTraceContaining("authorization-code-ttl");
    assertThatThrownBy(() -> properties(Map.of("EMPORIUM_USER_AUTHORIZATIONCODETTL", "0s")))
        .hasStackTraceContaining("authorization-code-ttl");
    assertThat(properties(Map.of()).authorizationCodeTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void webClientsBindFromEnvironmentVariables() {
    UserProperties properties = properties(Map.of(
        "EMPORIUM_USER_WEBCLIENTS_STOREFRONT_REDIRECTURIS", "https://shop.example/callback,http://127.0.0.1/cb",
        "EMPORIUM_USER_WEBCLIENTS_STOREFRONT_SCOPES", "openid profile"));

    UserProperties.WebClient client = properties.webClients().get("storefront");
    assertThat(client.redirectUris()).containsExactly("https://shop.example/callback", "http://127.0.0.1/cb");
    assertThat(client.confidential()).isFalse();
    assertThat(properties.scopesOf(client)).containsExactly("openid", "profile");
  }

  @Test
  void aWebClientWithoutScopesGetsThoseOfUsersTokens() {
    UserProperties properties = properties(Map.of(
        "EMPORIUM_USER_WEBCLIENTS_SPA_REDIRECTURIS", "https://shop.example/callback",
        "EMPORIUM_USER_USERSCOPES", "openid profile orders"));

    assertThat(properties.scopesOf(properties.webClients().get("spa"))).containsExactly("openid", "profile", "orders");
  }

  @Test
  void redirectUrisMatchExactlyExceptALoopbacksPort() {
    UserProperties.WebClient client = new UserProperties.WebClient(
        List.of("https://shop.example/callback", "http://127.0.0.1/cb", "http://[::1]/cb"), List.of(), null);

    assertThat(client.allowsRedirectTo("https://shop.example/callback")).isTrue();
    assertThat(client.allowsRedirectTo("http://127.0.0.1:53127/cb")).isTrue();
    assertThat(client.allowsRedirectTo("http://[::1]:8000/cb")).isTrue();
    assertThat(client.allowsRedirectTo("https://shop.example/callback/")).isFalse();
    assertThat(client.allowsRedirectTo("https://shop.example:8443/callback")).as("only loopback ports vary").isFalse();
    assertThat(client.allowsRedirectTo("https://shop.example/callback?next=/admin")).isFalse();
    assertThat(client.allowsRedirectTo("http://127.0.0.1:53127/other")).isFalse();
    assertThat(client.allowsRedirectTo("http://127.0.0.1:53127/cb?x=1")).isFalse();
    assertThat(client.allowsRedirectTo("http://localhost:53127/cb")).isFalse();
    assertThat(client.allowsRedirectTo("http://evil@127.0.0.1:53127/cb")).isFalse();
    assertThat(client.allowsRedirectTo("not a uri")).isFalse();
  }

  @Test
  void refusesBadWebClients() {
    assertThatThrownBy(() -> new UserProperties.WebClient(List.of(), List.of(), null))
        .hasMessageContaining("redirect-uris");
    assertThatThrownBy(() -> new UserProperties.WebClient(List.of("https://shop.example/cb#top"), List.of(), null))
        .hasMessageContaining("without a fragment");
    assertThatThrownBy(() -> new UserProperties.WebClient(List.of("/relative/cb"), List.of(), null))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> new UserProperties.WebClient(List.of("https://shop.example/cb"), List.of(), "secret"))
        .hasMessageContaining("secret-hash");
    assertThatThrownBy(() -> properties(Map.of(
        "EMPORIUM_USER_WEBCLIENTS_REPORTING_REDIRECTURIS", "https://shop.example/cb",
        "EMPORIUM_USER_CLIENTS_REPORTING_SECRETHASH", "$argon2id$v=19$m=1024,t=1,p=1$x$y")))
        .hasStackTraceContaining("service account and a web client at once: [reporting]");
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
    UserProperties properties = properties(env);

    UserProperties.Client client = properties.clients().get("reporting");
    assertThat(client.secretHash()).startsWith("$argon2id$");
    assertThat(client.scopes()).containsExactly("orders.read", "analytics.read");
    assertThat(client.roles()).containsExactly("service");
  }

  private static UserProperties properties(Map<String, Object> env) {
    Binder binder = new Binder(ConfigurationPropertySources.from(
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
    return binder.bindOrCreate("emporium.user", UserProperties.class);
  }
}
