package dev.emporium.gateway.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.config.ConfigProblem;
import dev.emporium.gateway.config.ConfigValidator;
import dev.emporium.gateway.policy.PolicyRegistry;
import dev.emporium.gateway.upstream.DiscoveryRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad identity settings are refused when the configuration loads, naming the route, policy and field. */
class IdentityConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "from-env")::get);

  private List<ConfigProblem> validate(String policy) {
    String yaml = """
        listeners:
          - name: public
            host: 127.0.0.1
            port: 8080
        routes:
          - name: orders
            match:
              path: /api/orders/**
            cluster: orders
            policies:
              - %s
        clusters:
          - name: orders
            endpoints:
              - address: 127.0.0.1:9000
        """.formatted(policy);
    return new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", yaml));
  }

  private String onlyProblem(String policy) {
    List<ConfigProblem> problems = validate(policy);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).startsWith("routes[0].policies[0].");
    return problems.get(0).message();
  }

  private static String jwt(String issuerFields) {
    return "jwt: {issuers: [{issuer: https://id.test, " + issuerFields + "}]}";
  }

  @Test
  void acceptsValidSettingsForEveryPolicy() {
    assertThat(validate(jwt("jwksUrl: https://id.test/jwks, algorithms: [RS256, ES256, EdDSA]"))).isEmpty();
    assertThat(validate("api-key: {consumers: [{name: a, keyHashes: [" + "ab".repeat(32) + "]}]}")).isEmpty();
    assertThat(validate("introspection: {endpoint: https://id.test/introspect, clientId: gw, clientSecret: ${SECRET}}"))
        .isEmpty();
    assertThat(validate("authorize: {scopes: [a], roles: [b]}")).isEmpty();
    assertThat(validate("ip-filter: {allow: [10.0.0.0/8, \"fd00::/8\"]}")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "algorithms: [HS256]                     | 'HS256' is never accepted",
      "algorithms: [none]                      | 'none' is never accepted",
      "algorithms: [RS256, HS512]              | 'HS512' is never accepted",
      "algorithms: [ES256K]                    | 'ES256K' is not supported",
      "algorithms: []                          | list the accepted signing algorithms",
  })
  void refusesAlgorithmsThatCanNeverBeSafe(String fields, String message) {
    assertThat(onlyProblem(jwt("jwksUrl: https://id.test/jwks, " + fields))).contains(message);
  }

  @Test
  void refusesBadKeySources() {
    assertThat(onlyProblem(jwt("algorithms: [RS256]"))).contains("give exactly one of jwksUrl or publicKeys");
    assertThat(onlyProblem(jwt("jwksUrl: ftp://id.test/jwks, algorithms: [RS256]"))).contains("http or https");
    assertThat(onlyProblem(jwt("publicKeys: [/no/such/file.pem], algorithms: [RS256]"))).contains("cannot read");
    assertThat(onlyProblem("jwt: {issuers: []}")).contains("at least one issuer");
    assertThat(onlyProblem(jwt("jwksUrl: https://id.test/jwks, algorithms: [RS256]") .replace("}]}",
        "}], clockSkew: 10m}"))).contains("clockSkew");
  }

  @Test
  void refusesBadApiKeySettings() {
    assertThat(onlyProblem("api-key: {consumers: [{name: a, keyHashes: [plain-text-key]}]}"))
        .contains("not a SHA-256 in hex");
    assertThat(onlyProblem("api-key: {consumers: []}")).contains("at least one consumer");
    String hash = "ab".repeat(32);
    assertThat(onlyProblem("api-key: {consumers: [{name: a, keyHashes: [" + hash + "]}, {name: b, keyHashes: ["
        + hash + "]}]}")).contains("more than one consumer");
  }

  @Test
  void refusesBadIntrospectionSettingsWithoutPrintingTheSecret() {
    List<ConfigProblem> problems = validate(
        "introspection: {endpoint: not a url, clientId: gw, clientSecret: super-secret-value}");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString()).contains("endpoint").doesNotContain("super-secret-value");
    assertThat(onlyProblem("introspection: {endpoint: https://id.test/i, clientId: gw}")).contains("clientSecret");
  }

  @Test
  void refusesBadAuthorizeAndIpFilterSettings() {
    assertThat(onlyProblem("authorize: {}")).contains("give scopes, roles or both");
    assertThat(onlyProblem("authorize: {scopes: [a], scopesMatch: some}")).contains("scopesMatch");
    assertThat(onlyProblem("ip-filter: {}")).contains("give allow, deny or both");
    assertThat(onlyProblem("ip-filter: {deny: [10.0.0.0/33]}")).contains("deny[0]");
    assertThat(onlyProblem("ip-filter: {allow: [example.com]}")).contains("allow[0]");
  }

  @Test
  void refusesAnIdentityHeaderThatIsNotAHeaderName() {
    List<ConfigProblem> problems = new ConfigValidator(new PolicyRegistry(), new DiscoveryRegistry(), loader.mapper())
        .validate(loader.parse("gateway.yaml", """
            listeners:
              - name: public
                host: 127.0.0.1
                port: 8080
            server:
              identityHeaders: [X-User-Id, "bad header"]
            routes: []
            clusters: []
            """));
    assertThat(problems).extracting(ConfigProblem::field).contains("server.identityHeaders[1]");
  }
}
