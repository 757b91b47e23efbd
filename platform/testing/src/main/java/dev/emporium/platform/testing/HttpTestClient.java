package dev.emporium.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that call a running service the way the gateway does: real HTTP,
 * identity in the gateway's headers ({@link #as}), JSON bodies. Immutable: {@code as} and
 * {@code header} return a new client.
 */
public final class HttpTestClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final List<String> headers;

  private HttpTestClient(String baseUrl, List<String> headers) {
    this.baseUrl = baseUrl;
    this.headers = List.copyOf(headers);
  }

  public static HttpTestClient forPort(int port) {
    return new HttpTestClient("http://127.0.0.1:" + port, List.of());
  }

  /** Calls as a signed-in user with these roles (the headers the gateway writes). */
  public HttpTestClient as(String userId, String... roles) {
    HttpTestClient client = header("X-User-Id", userId);
    return roles.length == 0 ? client : client.header("X-User-Roles", String.join(",", roles));
  }

  public HttpTestClient header(String name, String value) {
    List<String> more = new ArrayList<>(headers);
    more.add(name);
    more.add(value);
    return new HttpTestClient(baseUrl, more);
  }

  public TestResponse get(String path) {
    return send(request(path).GET());
  }

  public TestResponse delete(String path) {
    return send(request(path).DELETE());
  }

  /** POSTs {@code body}: a String is sent as is (to test malformed JSON), anything else as JSON. */
  public TestResponse post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(bodyOf(body)));
  }

  public TestResponse put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").PUT(bodyOf(body)));
  }

  public TestResponse method(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.size(); i += 2) {
      builder.header(headers.get(i), headers.get(i + 1));
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher bodyOf(Object body) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    return HttpRequest.BodyPublishers.ofString(text);
  }

  private static TestResponse send(HttpRequest.Builder request) {
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
}
