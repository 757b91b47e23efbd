package dev.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person using the platform through the gateway, as a client application would: an account, tokens, calls. */
final class Shopper {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final int gatewayPort;
  final String email;
  final String password;
  String userId;
  String accessToken;
  String refreshToken;

  private Shopper(int gatewayPort, String email, String password) {
    this.gatewayPort = gatewayPort;
    this.email = email;
    this.password = password;
  }

  /** Registers a new account and signs in. */
  static Shopper register(int gatewayPort, String name) {
    Shopper shopper = new Shopper(gatewayPort, name.toLowerCase() + "-" + UUID.randomUUID() + "@e2e.test",
        "correct horse " + UUID.randomUUID());
    TestResponse created = anonymous(gatewayPort).post("/api/users",
        Map.of("email", shopper.email, "password", shopper.password, "name", name));
    assertThat(created.status()).as("registration: %s", created).isEqualTo(201);
    shopper.userId = created.json().get("id").asString();
    shopper.logIn();
    return shopper;
  }

  static HttpTestClient anonymous(int gatewayPort) {
    return HttpTestClient.forPort(gatewayPort);
  }

  void logIn() {
    TestResponse login = anonymous(gatewayPort).post("/api/auth/login", Map.of("email", email, "password", password));
    assertThat(login.status()).as("login: %s", login).isEqualTo(200);
    remember(login.json());
  }

  /** Exchanges the refresh token for new tokens (RFC 6749 form post); returns the answer's status. */
  int refresh() {
    HttpResponse<String> response = postForm(gatewayPort, "/api/auth/token",
        "grant_type=refresh_token&refresh_token=" + encode(refreshToken));
    if (response.statusCode() == 200) {
      remember(JSON.readTree(response.body()));
    }
    return response.statusCode();
  }

  /**
   * Signs in as a web app does (authorization code with PKCE, RFC 7636's example verifier): the
   * sign-in page, its form, the redirect with the code, the exchange. Fails the test at any step
   * that goes wrong; on success the shopper holds the new tokens.
   */
  void signInThroughTheBrowser(String clientId, String redirectUri) {
    String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    String request = "response_type=code&client_id=" + encode(clientId) + "&redirect_uri=" + encode(redirectUri)
        + "&scope=openid+profile&state=e2e&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256";
    TestResponse page = anonymous(gatewayPort).get("/api/auth/authorize?" + request);
    assertThat(page.status()).as("sign-in page: %s", page).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\" action=\"authorize\">");

    HttpResponse<String> signedIn = postForm(gatewayPort, "/api/auth/authorize",
        request + "&email=" + encode(email) + "&password=" + encode(password));
    assertThat(signedIn.statusCode()).as("sign-in: %s", signedIn.body()).isEqualTo(303);
    String location = signedIn.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(redirectUri + "?code=").contains("&state=e2e&");
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));

    HttpResponse<String> tokens = postForm(gatewayPort, "/api/auth/token", "grant_type=authorization_code&code="
        + code + "&redirect_uri=" + encode(redirectUri) + "&client_id=" + encode(clientId) + "&code_verifier=" + verifier);
    assertThat(tokens.statusCode()).as("code exchange: %s", tokens.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(tokens.body());
    assertThat(body.has("id_token")).isTrue();
    remember(body);
  }

  private static HttpResponse<String> postForm(int gatewayPort, String path, String form) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private void remember(JsonNode tokens) {
    accessToken = tokens.get("access_token").asString();
    refreshToken = tokens.get("refresh_token").asString();
  }

  /** Calls through the gateway with this shopper's access token. */
  HttpTestClient api() {
    return anonymous(gatewayPort).header("Authorization", "Bearer " + accessToken);
  }
}
