package dev.emporium.user.token;

import static dev.emporium.user.UserTestSupport.CONFIDENTIAL_CALLBACK;
import static dev.emporium.user.UserTestSupport.CONFIDENTIAL_CLIENT;
import static dev.emporium.user.UserTestSupport.CONFIDENTIAL_SECRET;
import static dev.emporium.user.UserTestSupport.ISSUER;
import static dev.emporium.user.UserTestSupport.NATIVE_CLIENT;
import static dev.emporium.user.UserTestSupport.WEB_CALLBACK;
import static dev.emporium.user.UserTestSupport.WEB_CLIENT;
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
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The authorization-code grant with PKCE as a browser and a client drive it: the sign-in page, the
 * redirect with the code, the exchange, and what goes wrong on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationCodeFlowIT {

  static final TestDatabase db = PostgresDatabases.create(AuthorizationCodeFlowIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String PASSWORD = "correct horse battery";
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    UserTestSupport.register(registry, db, kafka, kafka.newTopic("user-events"));
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  HttpTestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
  }

  @Test
  void theSignInPageTradesAPasswordForACodeAndTheCodeForTokens() throws Exception {
    String userId = register("browser@example.org");
    String state = "a<b\"c&d";

    TestResponse page = anonymous.get("/api/auth/authorize?" + query(request(WEB_CLIENT, WEB_CALLBACK,
        "state", state, "nonce", "n-0S6_WzA2Mj")));

    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(page.body()).contains("<form method=\"post\" action=\"authorize\">")
        .contains("name=\"code_challenge\" value=\"" + CHALLENGE + "\"")
        .contains("value=\"a&lt;b&quot;c&amp;d\"").doesNotContain(state);

    TestResponse signedIn = signIn(request(WEB_CLIENT, WEB_CALLBACK, "state", state, "nonce", "n-0S6_WzA2Mj"),
        "Browser@Example.org", PASSWORD);

    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    String location = signedIn.header("Location");
    assertThat(location).startsWith(WEB_CALLBACK + "?code=");
    Map<String, String> back = queryOf(location);
    assertThat(back).containsEntry("state", state).containsEntry("iss", ISSUER);

    TestResponse tokens = exchange(WEB_CLIENT, back.get("code"), WEB_CALLBACK, VERIFIER);

    assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
    assertThat(tokens.json().get("scope").asString()).isEqualTo("openid profile");
    JWTClaimsSet access = JwksVerifier.verify(port, tokens.json().get("access_token").asString());
    assertThat(access.getSubject()).isEqualTo(userId);
    assertThat(access.getAudience()).containsExactly("emporium");
    assertThat(access.getStringListClaim("roles")).containsExactly("customer");
    assertThat(access.getStringClaim("scope")).isEqualTo("openid profile");
    JWTClaimsSet id = JwksVerifier.verify(port, tokens.json().get("id_token").asString());
    assertThat(id.getSubject()).isEqualTo(userId);
    assertThat(id.getIssuer()).isEqualTo(ISSUER);
    assertThat(id.getAudience()).containsExactly(WEB_CLIENT);
    assertThat(id.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
    assertThat(id.getLongClaim("auth_time")).isBetween(access.getIssueTime().getTime() / 1000 - 60,
        access.getIssueTime().getTime() / 1000);
    TestResponse refreshed = postForm(port, "/api/auth/token", Map.of("grant_type", "refresh_token",
        "refresh_token", tokens.json().get("refresh_token").asString()));
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    assertThat(JwksVerifier.verify(port, refreshed.json().get("access_token").asString()).getSubject())
        .isEqualTo(userId);
  }

  @Test
  void aCodeIsGoodOnceAndItsReplayRevokesWhatTheFirstExchangeGave() {
    register("replay@example.org");
    String code = codeFor(WEB_CLIENT, WEB_CALLBACK, "replay@example.org");
    TestResponse first = exchange(WEB_CLIENT, code, WEB_CALLBACK, VERIFIER);
    assertThat(first.status()).as(first.body()).isEqualTo(200);

    TestResponse replay = exchange(WEB_CLIENT, code, WEB_CALLBACK, VERIFIER);

    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.json().get("error").asString()).isEqualTo("invalid_grant");
    assertThat(replay.json().get("detail").asString()).contains("already used");
    TestResponse refresh = postForm(port, "/api/auth/token", Map.of("grant_type", "refresh_token",
        "refresh_token", first.json().get("refresh_token").asString()));
    assertThat(refresh.status()).isEqualTo(400);
    assertThat(refresh.json().get("detail").asString()).contains("revoked");
  }

  @Test
  void aWrongVerifierIsRefusedAndUsesTheCodeUp() {
    register("intercepted@example.org");
    String code = codeFor(WEB_CLIENT, WEB_CALLBACK, "intercepted@example.org");

    TestResponse stolen = exchange(WEB_CLIENT, code, WEB_CALLBACK, "x".repeat(43));

    assertThat(stolen.status()).isEqualTo(400);
    assertThat(stolen.json().get("error").asString()).isEqualTo("invalid_grant");
    assertThat(stolen.json().get("detail").asString()).contains("code_verifier");
    assertThat(exchange(WEB_CLIENT, code, WEB_CALLBACK, VERIFIER).status()).isEqualTo(400);
  }

  @Test
  void theExchangeMustComeFromTheSameClientWithTheSameRedirectUri() {
    register("bound@example.org");

    TestResponse otherRedirect = exchange(WEB_CLIENT, codeFor(WEB_CLIENT, WEB_CALLBACK, "bound@example.org"),
        WEB_CALLBACK + "/elsewhere", VERIFIER);
    TestResponse otherClient = exchange(NATIVE_CLIENT, codeFor(WEB_CLIENT, WEB_CALLBACK, "bound@example.org"),
        WEB_CALLBACK, VERIFIER);

    assertThat(otherRedirect.status()).isEqualTo(400);
    assertThat(otherRedirect.json().get("detail").asString()).contains("redirect_uri");
    assertThat(otherClient.status()).isEqualTo(400);
    assertThat(otherClient.json().get("detail").asString()).contains("another client");
  }

  @Test
  void anExpiredCodeIsRefused() {
    register("slow@example.org");
    String code = codeFor(WEB_CLIENT, WEB_CALLBACK, "slow@example.org");
    int updated = jdbc.sql("UPDATE authorization_codes SET expires_at = now() - interval '1 second' WHERE code_hash = :hash")
        .param("hash", OpaqueTokens.hash(code)).update();
    assertThat(updated).isEqualTo(1);

    TestResponse response = exchange(WEB_CLIENT, code, WEB_CALLBACK, VERIFIER);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asString()).contains("expired");
  }

  @Test
  void aWrongPasswordOrAMissingOneShowsThePageAgain() {
    String userId = register("typo@example.org");

    TestResponse wrong = signIn(request(WEB_CLIENT, WEB_CALLBACK), "typo@example.org", "not the password");
    TestResponse missing = signIn(request(WEB_CLIENT, WEB_CALLBACK), "typo@example.org", "");
    TestResponse tooLong = signIn(request(WEB_CLIENT, WEB_CALLBACK), "typo@example.org", "p".repeat(129));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("Location")).isNull();
    assertThat(wrong.contentType()).startsWith("text/html");
    assertThat(wrong.body()).contains("The email or the password is wrong.").contains("value=\"typo@example.org\"");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("Enter your email and your password.");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("longer than 128 characters");
    assertThat(codesOf(userId)).as("no code for a failed sign-in").isZero();
  }

  @Test
  void aRequestTheClientGotWrongGoesBackToItsRedirectUri() {
    TestResponse plain = anonymous.get("/api/auth/authorize?" + query(request(WEB_CLIENT, WEB_CALLBACK,
        "code_challenge_method", "plain", "state", "s1")));
    TestResponse noPkce = signIn(request(WEB_CLIENT, WEB_CALLBACK, "code_challenge", ""), "any@example.org", PASSWORD);

    assertThat(plain.status()).isEqualTo(302);
    assertThat(queryOf(plain.header("Location"))).containsEntry("error", "invalid_request").containsEntry("state", "s1")
        .containsEntry("error_description", "code_challenge_method must be S256").containsEntry("iss", ISSUER);
    assertThat(noPkce.status()).isEqualTo(303);
    assertThat(queryOf(noPkce.header("Location")).get("error_description")).contains("code_challenge is required");
  }

  @Test
  void anUnknownClientOrRedirectUriIsAProblemForTheBrowser() {
    TestResponse unknownClient = anonymous.get("/api/auth/authorize?" + query(request("nobody", WEB_CALLBACK)));
    TestResponse foreignRedirect = anonymous.get("/api/auth/authorize?"
        + query(request(WEB_CLIENT, "https://evil.test/callback")));

    for (TestResponse response : new TestResponse[] {unknownClient, foreignRedirect}) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("Location")).isNull();
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    assertThat(unknownClient.json().get("parameter").asString()).isEqualTo("client_id");
    assertThat(foreignRedirect.json().get("parameter").asString()).isEqualTo("redirect_uri");
  }

  @Test
  void aNativeAppOnTheLoopbackAddressMayListenOnAnyPort() throws Exception {
    register("native@example.org");
    String redirect = "http://127.0.0.1:49152/callback";

    TestResponse signedIn = signIn(request(NATIVE_CLIENT, redirect, "scope", ""), "native@example.org", PASSWORD);

    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    assertThat(signedIn.header("Location")).startsWith(redirect + "?code=");
    TestResponse tokens = exchange(NATIVE_CLIENT, queryOf(signedIn.header("Location")).get("code"), redirect, VERIFIER);
    assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    assertThat(tokens.json().get("scope").asString()).as("all the client may ask for").isEqualTo("profile");
    assertThat(tokens.json().has("id_token")).as("no openid scope, no ID token").isFalse();
  }

  @Test
  void aConfidentialClientProvesItsSecretAndAPublicOneHasNone() {
    register("staff@example.org");
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (CONFIDENTIAL_CLIENT + ":" + CONFIDENTIAL_SECRET).getBytes(StandardCharsets.UTF_8));

    TestResponse withoutSecret = exchange(CONFIDENTIAL_CLIENT,
        codeFor(CONFIDENTIAL_CLIENT, CONFIDENTIAL_CALLBACK, "staff@example.org"), CONFIDENTIAL_CALLBACK, VERIFIER);
    TestResponse withSecret = postForm(port, "/api/auth/token", Map.of("grant_type", "authorization_code",
        "code", codeFor(CONFIDENTIAL_CLIENT, CONFIDENTIAL_CALLBACK, "staff@example.org"),
        "redirect_uri", CONFIDENTIAL_CALLBACK, "code_verifier", VERIFIER), "Authorization", basic);
    TestResponse publicWithSecret = postForm(port, "/api/auth/token", Map.of("grant_type", "authorization_code",
        "code", codeFor(WEB_CLIENT, WEB_CALLBACK, "staff@example.org"), "redirect_uri", WEB_CALLBACK,
        "code_verifier", VERIFIER, "client_id", WEB_CLIENT, "client_secret", "made-up"));

    assertThat(withoutSecret.status()).isEqualTo(401);
    assertThat(withoutSecret.json().get("error").asString()).isEqualTo("invalid_client");
    assertThat(withSecret.status()).as(withSecret.body()).isEqualTo(200);
    assertThat(publicWithSecret.status()).isEqualTo(401);
  }

  @Test
  void anExchangeWithoutItsParametersIsAnInvalidRequest() {
    TestResponse noVerifier = postForm(port, "/api/auth/token", Map.of("grant_type", "authorization_code",
        "code", "c", "redirect_uri", WEB_CALLBACK, "client_id", WEB_CLIENT));
    TestResponse shortVerifier = exchange(WEB_CLIENT, "c", WEB_CALLBACK, "too-short");
    TestResponse noClient = postForm(port, "/api/auth/token", Map.of("grant_type", "authorization_code",
        "code", "c", "redirect_uri", WEB_CALLBACK, "code_verifier", VERIFIER));

    assertThat(noVerifier.status()).isEqualTo(400);
    assertThat(noVerifier.json().get("error").asString()).isEqualTo("invalid_request");
    assertThat(noVerifier.json().get("detail").asString()).contains("code_verifier");
    assertThat(shortVerifier.status()).isEqualTo(400);
    assertThat(shortVerifier.json().get("detail").asString()).contains("43 to 128");
    assertThat(noClient.status()).isEqualTo(401);
    assertThat(noClient.json().get("error").asString()).isEqualTo("invalid_client");
  }

  @Test
  void discoveryNamesTheAuthorizationEndpointAndPkce() {
    TestResponse response = anonymous.get("/.well-known/openid-configuration");

    assertThat(response.json().get("authorization_endpoint").asString()).isEqualTo(ISSUER + "/api/auth/authorize");
    assertThat(response.json().get("code_challenge_methods_supported").get(0).asString()).isEqualTo("S256");
    assertThat(response.json().get("grant_types_supported").toString()).contains("authorization_code");
    assertThat(response.json().get("response_types_supported").get(0).asString()).isEqualTo("code");
  }

  private String codeFor(String clientId, String redirectUri, String email) {
    TestResponse signedIn = signIn(request(clientId, redirectUri), email, PASSWORD);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    return queryOf(signedIn.header("Location")).get("code");
  }

  private static Map<String, String> request(String clientId, String redirectUri, String... overrides) {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("response_type", "code");
    request.put("client_id", clientId);
    request.put("redirect_uri", redirectUri);
    request.put("scope", "openid profile");
    request.put("code_challenge", CHALLENGE);
    request.put("code_challenge_method", "S256");
    for (int i = 0; i < overrides.length; i += 2) {
      request.put(overrides[i], overrides[i + 1]);
    }
    request.values().removeIf(String::isEmpty);
    return request;
  }

  private TestResponse signIn(Map<String, String> request, String email, String password) {
    Map<String, String> form = new LinkedHashMap<>(request);
    form.put("email", email);
    form.put("password", password);
    return postForm(port, "/api/auth/authorize", form);
  }

  private TestResponse exchange(String clientId, String code, String redirectUri, String verifier) {
    return postForm(port, "/api/auth/token", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", redirectUri, "client_id", clientId, "code_verifier", verifier));
  }

  private long codesOf(String userId) {
    return jdbc.sql("SELECT count(*) FROM authorization_codes WHERE subject = :subject").param("subject", userId)
        .query(Long.class).single();
  }

  private String register(String email) {
    TestResponse created = anonymous.post("/api/users", registration(email, PASSWORD, "Someone"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private static Map<String, String> queryOf(String location) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
