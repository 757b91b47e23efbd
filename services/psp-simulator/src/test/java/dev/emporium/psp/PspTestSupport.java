package dev.emporium.psp;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** What the simulator's integration tests share: request bodies, keyed calls, a client with little patience, metrics. */
public final class PspTestSupport {

  public static final String KEY = "Idempotency-Key";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PspTestSupport() {}

  public static Map<String, Object> money(String amount, String currency) {
    Map<String, Object> money = new LinkedHashMap<>();
    money.put("amount", amount);
    money.put("currency", currency);
    return money;
  }

  public static Map<String, Object> charge(String amount, String currency, String paymentMethod, String orderId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", money(amount, currency));
    body.put("paymentMethod", paymentMethod);
    body.put("orderId", orderId);
    body.put("description", "order " + orderId);
    return body;
  }

  public static Map<String, Object> visa(String amount) {
    return charge(amount, "EUR", "tok_visa", "o-" + UUID.randomUUID());
  }

  public static String newKey() {
    return "key-" + UUID.randomUUID();
  }

  /** POSTs {@code body} under a fresh idempotency key. */
  public static TestResponse postKeyed(HttpTestClient client, String path, Object body) {
    return client.header(KEY, newKey()).post(path, body);
  }

  /** The value of the series {@code name} whose labels contain {@code labelFragment}, 0 when absent. */
  public static double metric(HttpTestClient client, String name, String labelFragment) {
    String text = client.get("/metrics").body();
    return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(labelFragment))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  /** POSTs JSON with a client that gives up after {@code patience}, as the payment service would. */
  public static HttpResponse<String> postWithPatience(int port, String path, Object body, Duration patience,
      String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(patience).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
