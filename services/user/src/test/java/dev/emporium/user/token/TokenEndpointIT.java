package dev.emporium.user.token;

import static dev.emporium.user.UserTestSupport.CLIENT_ID;
import static dev.emporium.user.UserTestSupport.CLIENT_SECRET;
import static dev.emporium.user.UserTestSupport.ISSUER;
import static dev.emporium.user.UserTestSupport.postForm;
import static dev.emporium.user.UserTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.user.UserTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.util.List;

/** Sign-in and the token endpoint's grants, with tokens checked against the served JWKS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenEndpointIT {

  static final TestDatabase db = PostgresDatabases.create(TokenEndpointIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String PASSWORD = "correct horse battery";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    UserTestSupport.register(registry, db, kafka, kafka.newTopic("user-events"));
  }

  @LocalServerPort int port;
  HttpTestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
  }

  @Test
  void loginIssuesAnRs256AccessTokenTheJwksVerifies() throws Exception {
    String userId = register("login@example.org");

    TestResponse login = login("Login@Example.org", PASSWORD);

    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.json().get("token_type").asString()).isEqualTo("Bearer");
    assertThat(login.json().get("expires_in").asInt()).isEqualTo(3600);
    assertThat(login.json().get("refresh_token").asString()).hasSizeGreaterThan(40);
    assertThat(login.header("Cache-Control")).isEqualTo("no-store");
    JWTClaimsSet claims = JwksVerifier.verify(port, login.json().get("access_token").asString());
    assertThat(claims.getSubject()).isEqualTo(userId);
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly("emporium");
    assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
    assertThat(claims.getStringClaim("scope")).isEqualTo("openid profile");
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    register("careful@example.org");

    TestResponse wrongPassword = login("careful@example.org", "not the password");
    TestResponse unknownEmail = login("nobody@example.org", PASSWORD);

    for (TestResponse response : new TestResponse[] {wrongPassword, unknownEmail}) {
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");
    }
    assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
  }

  @Test
  void invalidLoginBodyNamesTheField() {
    TestResponse response = anonymous.post("/api/auth/login", Map.of("password", PASSWORD));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
  }

  @Test
  void refreshTokenRotatesAndEachIsGoodOnce() throws Exception {
    String userId = register("rotate@example.org");
    String first = login("rotate@example.org", PASSWORD).json().get("refresh_token").asString();

    TestResponse refreshed = refresh(first);

    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    String second = refreshed.json().get("refresh_token").asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(JwksVerifier.verify(port, refreshed.json().get("access_token").asString()).getSubject())
        .isEqualTo(userId);
    assertThat(refresh(second).status()).isEqualTo(200);
  }

  @Test
  void reusingARefreshTokenRevokesItsWholeFamily() {
    register("stolen@example.org");
    String first = login("stolen@example.org", PASSWORD).json().get("refresh_token").asString();
    String second = refresh(first).json().get("refresh_token").asString();
    String otherSession = login("stolen@example.org", PASSWORD).json().get("refresh_token").asString();

    TestResponse reuse = refresh(first);

    assertThat(reuse.status()).isEqualTo(400);
    assertThat(reuse.json().get("error").asString()).isEqualTo("invalid_grant");
    TestResponse afterRevocation = refresh(second);
    assertThat(afterRevocation.status()).isEqualTo(400);
    assertThat(afterRevocation.json().get("detail").asString()).contains("revoked");
    assertThat(refresh(otherSession).status()).as("another sign-in is another family").isEqualTo(200);
  }

  @Test
  void unknownRefreshTokenIsAnInvalidGrant() {
    TestResponse response = refresh("made-up-token");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
  }

  @Test
  void clientCredentialsWithBasicAuthIssueAServiceToken() throws Exception {
    String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    TestResponse response = postForm(port, "/api/auth/token", Map.of("grant_type", "client_credentials",
        "scope", "orders.read"), "Authorization", "Basic " + basic);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().has("refresh_token")).isFalse();
    assertThat(response.json().get("scope").asString()).isEqualTo("orders.read");
    JWTClaimsSet claims = JwksVerifier.verify(port, response.json().get("access_token").asString());
    assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
    assertThat(claims.getStringListClaim("roles")).containsExactly("service");
    assertThat(claims.getStringClaim("scope")).isEqualTo("orders.read");
  }

  @Test
  void clientCredentialsInTheFormGetAllTheClientsScopes() throws Exception {
    TestResponse response = postForm(port, "/api/auth/token", Map.of("grant_type", "client_credentials",
        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(JwksVerifier.verify(port, response.json().get("access_token").asString()).getStringClaim("scope"))
        .isEqualTo("orders.read analytics.read");
  }

  @Test
  void wrongClientSecretOrUnknownClientIsInvalidClient() {
    for (Map<String, String> form : List.of(
        Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", "guess"),
        Map.of("grant_type", "client_credentials", "client_id", "nobody", "client_secret", CLIENT_SECRET))) {
      TestResponse response = postForm(port, "/api/auth/token", form);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
      assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
    }
  }

  @Test
  void aScopeBeyondTheClientsIsRefused() {
    TestResponse response = postForm(port, "/api/auth/token", Map.of("grant_type", "client_credentials",
        "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "scope", "orders.read admin"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").asString()).isEqualTo("invalid_scope");
  }

  @Test
  void unsupportedOrMissingGrantTypeIsABadRequest() {
    TestResponse password = postForm(port, "/api/auth/token", Map.of("grant_type", "password"));
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().get("error").asString()).isEqualTo("unsupported_grant_type");

    TestResponse missing = postForm(port, "/api/auth/token", Map.of("scope", "x"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.body()).contains("grant_type");
  }

  @Test
  void discoveryDocumentPointsAtTheJwksAndTokenEndpoint() {
    TestResponse response = anonymous.get("/.well-known/openid-configuration");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("issuer").asString()).isEqualTo(ISSUER);
    assertThat(response.json().get("jwks_uri").asString()).isEqualTo(ISSUER + "/.well-known/jwks.json");
    assertThat(response.json().get("token_endpoint").asString()).isEqualTo(ISSUER + "/api/auth/token");
    assertThat(response.json().get("id_token_signing_alg_values_supported").get(0).asString()).isEqualTo("RS256");
  }

  private String register(String email) {
    TestResponse created = anonymous.post("/api/users", registration(email, PASSWORD, "Someone"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private TestResponse login(String email, String password) {
    return anonymous.post("/api/auth/login", Map.of("email", email, "password", password));
  }

  private TestResponse refresh(String refreshToken) {
    return postForm(port, "/api/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }
}
