package dev.emporium.platform.service.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls of etcd's v3 API that registration makes (lease grant, keep-alive, revoke; put), through
 * etcd's JSON gateway ({@code /v3/...}, etcd 3.4 and later) with the JDK's HTTP client, so that a
 * service needs no gRPC stack for it. Keys and values travel base64-encoded, 64-bit numbers as
 * strings. Each call tries the endpoints in turn, starting with the last one that answered.
 */
final class EtcdLeaseClient implements AutoCloseable {

  /** etcd could not be reached, or answered with an error other than "lease not found". */
  static final class EtcdUnavailableException extends IOException {
    EtcdUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** gRPC's NOT_FOUND, which etcd answers for a lease it does not have (expired or revoked). */
  private static final int NOT_FOUND = 5;

  private final List<URI> endpoints;
  private final Duration timeout;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private volatile int current;

  EtcdLeaseClient(List<URI> endpoints, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The endpoint that answered last. */
  URI endpoint() {
    return endpoints.get(current);
  }

  /** A new lease of {@code ttl} (whole seconds, rounded up); returns its id. */
  long grant(Duration ttl) throws EtcdUnavailableException {
    long seconds = (ttl.toMillis() + 999) / 1000;
    JsonNode answer = call("/v3/lease/grant", Map.of("TTL", String.valueOf(seconds))).orElseThrow(
        () -> new EtcdUnavailableException("etcd granted no lease", null));
    long id = number(answer, "ID");
    if (id == 0) {
      throw new EtcdUnavailableException("etcd granted no lease: " + answer, null);
    }
    return id;
  }

  /** Writes {@code key} under {@code lease}; false when the lease no longer exists. */
  boolean put(String key, String value, long lease) throws EtcdUnavailableException {
    return call("/v3/kv/put", Map.of("key", base64(key), "value", base64(value), "lease", String.valueOf(lease)))
        .isPresent();
  }

  /** Renews {@code lease}; returns the seconds it has left, 0 when it no longer exists. */
  long keepAlive(long lease) throws EtcdUnavailableException {
    // etcd answers an unknown lease with its id and no TTL rather than with an error.
    return call("/v3/lease/keepalive", Map.of("ID", String.valueOf(lease)))
        .map(answer -> number(answer.path("result"), "TTL"))
        .orElse(0L);
  }

  /** Ends {@code lease} and deletes every key written under it; a lease already gone is fine. */
  void revoke(long lease) throws EtcdUnavailableException {
    call("/v3/lease/revoke", Map.of("ID", String.valueOf(lease)));
  }

  /** The answer, or empty when etcd says the lease is not found. */
  private java.util.Optional<JsonNode> call(String path, Map<String, String> body) throws EtcdUnavailableException {
    String request = json.writeValueAsString(body);
    EtcdUnavailableException failure = null;
    int start = current;
    for (int i = 0; i < endpoints.size(); i++) {
      int index = (start + i) % endpoints.size();
      URI endpoint = endpoints.get(index);
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer = parse(response.body());
        if (response.statusCode() == 200) {
          current = index;
          return java.util.Optional.of(answer);
        }
        if (answer != null && answer.path("code").asInt(-1) == NOT_FOUND) {
          current = index;
          return java.util.Optional.empty();
        }
        failure = new EtcdUnavailableException(endpoint + path + " answered " + response.statusCode() + ": "
            + (answer == null ? "" : answer.path("message").asString(response.body())), null);
      } catch (IOException e) {
        failure = new EtcdUnavailableException(endpoint + path + ": " + describe(e), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EtcdUnavailableException(endpoint + path + ": interrupted", e);
      }
    }
    throw failure;
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) return 0;
    return value.isNumber() ? value.asLong() : Long.parseLong(value.asString());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    http.close();
  }
}
