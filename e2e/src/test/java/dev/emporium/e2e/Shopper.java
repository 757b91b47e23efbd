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
    String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + gatewayPort + "/api/auth/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        remember(JSON.readTree(response.body()));
      }
      return response.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
