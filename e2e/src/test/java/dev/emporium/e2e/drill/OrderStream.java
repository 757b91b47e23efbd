package dev.emporium.e2e.drill;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders placed at a steady rate, as a careful client places them: each with its own
 * Idempotency-Key, sent again with the same key while the order service is unreachable or
 * answers 5xx, until it answers 201 (so an order is placed once, however often it was sent).
 */
final class OrderStream implements AutoCloseable {

  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

  private final HttpTestClient orders;
  private final String productId;
  private final String paymentMethod;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger resent = new AtomicInteger();

  OrderStream(HttpTestClient orders, String productId, String paymentMethod) {
    this.orders = orders;
    this.productId = productId;
    this.paymentMethod = paymentMethod;
  }

  /** Places {@code count} orders, one every {@code interval}, without waiting for the answers. */
  void place(int count, Duration interval) {
    for (int i = 0; i < count; i++) {
      senders.submit(this::placeOne);
      ProcessPlatform.sleep(interval);
    }
  }

  /** Waits for every order sent to be accepted or given up; returns the ids of those accepted. */
  List<String> awaitAnswers() {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("orders still unanswered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return List.copyOf(accepted);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  int resent() {
    return resent.get();
  }

  private void placeOne() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of(
        "items", List.of(Map.of("productId", productId, "quantity", 1)),
        "shippingAddress", Map.of("name", "D. Rill", "line1", "Hauptstraße 1", "city", "Berlin",
            "postalCode", "10115", "country", "DE"),
        "paymentMethod", paymentMethod);
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    String last = "never sent";
    while (System.nanoTime() < deadline) {
      try {
        TestResponse response = orders.header("Idempotency-Key", key).post("/api/orders", body);
        if (response.status() == 201 || response.status() == 200) {
          accepted.add(response.json().get("id").asString());
          return;
        }
        last = response.status() + " " + response.body();
        if (response.status() < 500) {
          break;
        }
      } catch (RuntimeException unreachable) {
        last = unreachable.toString();
      }
      resent.incrementAndGet();
      ProcessPlatform.sleep(Duration.ofMillis(250));
    }
    failures.add(key + ": " + last);
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
