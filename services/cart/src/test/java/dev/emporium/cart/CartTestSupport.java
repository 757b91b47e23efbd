package dev.emporium.cart;

import dev.emporium.cart.catalog.FakeProductCatalog;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/** What the cart service's integration tests share: their database, a fake catalogue, a Redis key prefix. */
public final class CartTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CartTestSupport() {}

  /**
   * The test's database and the fake catalogue; the PostgreSQL store. No listener on order events
   * (and so no broker): OrderCreatedIT tests it, wired by {@link #registerWithOrderEvents}.
   */
  public static void register(DynamicPropertyRegistry registry, TestDatabase db, FakeProductCatalog catalog) {
    common(registry, db, catalog);
    registry.add("emporium.cart.orders.enabled", () -> "false");
  }

  /** As {@link #register}, with the order-event listener on {@code orderTopic} of the in-process broker. */
  public static void registerWithOrderEvents(DynamicPropertyRegistry registry, TestDatabase db,
      FakeProductCatalog catalog, InProcessKafka kafka, String orderTopic) {
    common(registry, db, catalog);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.cart.orders.topic", () -> orderTopic);
    registry.add("emporium.cart.orders.consumer-group", () -> InProcessKafka.uniqueName("cart-it"));
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
  }

  private static void common(DynamicPropertyRegistry registry, TestDatabase db, FakeProductCatalog catalog) {
    db.registerDataSource(registry);
    registry.add("spring.grpc.client.channel.product.target", catalog::target);
    registry.add("emporium.cart.catalog.deadline", () -> "1s");
  }

  /** As {@link #register}, with the Redis store under {@code keyPrefix} (one per test class). */
  public static void registerRedis(DynamicPropertyRegistry registry, TestDatabase db, FakeProductCatalog catalog,
      String keyPrefix) {
    register(registry, db, catalog);
    registry.add("emporium.cart.store", () -> "redis");
    registry.add("emporium.cart.redis.uri", () -> "redis://127.0.0.1:6379");
    registry.add("emporium.cart.redis.key-prefix", () -> keyPrefix);
  }

  /** A key prefix no other test uses. */
  public static String redisPrefix() {
    return "test:cart:" + UUID.randomUUID() + ":";
  }

  public static Map<String, Object> item(String productId, int quantity) {
    return Map.of("productId", productId, "quantity", quantity);
  }

  /** PATCH with a JSON body as the gateway would send it (the platform's test client has no PATCH). */
  public static TestResponse patch(int port, String userId, String path, Object body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-User-Id", userId)
        .header("X-User-Roles", "customer")
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new TestResponse(response.statusCode(), response.headers(), response.body(), JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
