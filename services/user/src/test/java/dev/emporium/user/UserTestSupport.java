package dev.emporium.user;

import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the user service's integration tests share: their own database and topic, a service
 * account, three web clients (a public one, a native app on a loopback address, a confidential
 * one), form posts.
 */
public final class UserTestSupport {

  public static final String ISSUER = "https://emporium.test";
  public static final String CLIENT_ID = "reporting";
  public static final String CLIENT_SECRET = "s3cret-of-the-reporting-job";
  public static final String WEB_CLIENT = "storefront";
  public static final String WEB_CALLBACK = "https://shop.test/callback";
  public static final String NATIVE_CLIENT = "mobile";
  public static final String NATIVE_CALLBACK = "http://127.0.0.1/callback";
  public static final String CONFIDENTIAL_CLIENT = "backoffice";
  public static final String CONFIDENTIAL_CALLBACK = "https://admin.shop.test/signed-in";
  public static final String CONFIDENTIAL_SECRET = "s3cret-of-the-backoffice";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private UserTestSupport() {}

  /** The test's database, the shared broker, its own topic, one service account. */
  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, String topic) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.user.topic", () -> topic);
    registry.add("emporium.user.issuer", () -> ISSUER);
    // Hashed as an operator would, with the encoder's own format (cheap parameters: it is a test secret).
    String hash = new Argon2PasswordEncoder(16, 32, 1, 1024, 1).encode(CLIENT_SECRET);
    registry.add("emporium.user.clients." + CLIENT_ID + ".secret-hash", () -> hash);
    registry.add("emporium.user.clients." + CLIENT_ID + ".scopes", () -> "orders.read analytics.read");
    registry.add("emporium.user.clients." + CLIENT_ID + ".roles", () -> "service");
    registry.add("emporium.user.web-clients." + WEB_CLIENT + ".redirect-uris", () -> WEB_CALLBACK);
    registry.add("emporium.user.web-clients." + NATIVE_CLIENT + ".redirect-uris", () -> NATIVE_CALLBACK);
    registry.add("emporium.user.web-clients." + NATIVE_CLIENT + ".scopes", () -> "profile");
    registry.add("emporium.user.web-clients." + CONFIDENTIAL_CLIENT + ".redirect-uris", () -> CONFIDENTIAL_CALLBACK);
    String webHash = new Argon2PasswordEncoder(16, 32, 1, 1024, 1).encode(CONFIDENTIAL_SECRET);
    registry.add("emporium.user.web-clients." + CONFIDENTIAL_CLIENT + ".secret-hash", () -> webHash);
  }

  public static Map<String, Object> registration(String email, String password, String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password);
    body.put("name", name);
    return body;
  }

  /** POSTs an {@code application/x-www-form-urlencoded} body, as OAuth clients call the token endpoint. */
  public static TestResponse postForm(int port, String path, Map<String, String> form, String... headers) {
    String body = form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new TestResponse(response.statusCode(), response.headers(), response.body(), JSON);
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
}
