package dev.emporium.e2e.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a drill does to the saga's services directly, with the identity headers the gateway would
 * write: products with stock, one shopper's orders and their ends, the processor's own count of
 * charges, the payment service's breaker.
 */
final class SagaClient {

  private final ToIntFunction<String> ports;
  private final String shopper = UUID.randomUUID().toString();

  /** @param ports each service's HTTP port by name */
  SagaClient(ToIntFunction<String> ports) {
    this.ports = ports;
  }

  private HttpTestClient service(String name) {
    return HttpTestClient.forPort(ports.applyAsInt(name));
  }

  /** The order service as the drill's shopper. */
  HttpTestClient orders() {
    return service("order").as(shopper, "customer");
  }

  /** A product priced 10.00 EUR with {@code units} in stock; returns its id. */
  String product(String name, int units) {
    TestResponse created = service("product").as("drill-admin", "admin").post("/api/products",
        Map.of("name", name + " " + UUID.randomUUID(), "description", "for a drill",
            "price", Map.of("amount", new BigDecimal("10.00"), "currency", "EUR"), "category", "drills",
            "attributes", Map.of()));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().get("id").asString();
    TestResponse stocked = service("inventory").as("drill-admin", "admin")
        .post("/api/inventory/restock", Map.of("productId", id, "warehouse", "berlin", "quantity", units));
    assertThat(stocked.status()).as("%s", stocked).isBetween(200, 204);
    return id;
  }

  long available(String product) {
    return service("inventory").as("drill-admin", "admin").get("/api/inventory/" + product).json()
        .get("available").asLong();
  }

  String status(String orderId) {
    TestResponse response = orders().get("/api/orders/" + orderId);
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json().get("status").asString();
  }

  List<String> timeline(String orderId) {
    return orders().get("/api/orders/" + orderId).json().get("timeline").valueStream()
        .map(step -> step.get("step").asString()).toList();
  }

  /** Polls until every order is COMPLETED or CANCELLED; returns each one's end. */
  Map<String, String> awaitTerminal(List<String> orders, Duration timeout) {
    Map<String, String> ends = new HashMap<>();
    await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
      for (String id : orders) {
        if (!ends.containsKey(id)) {
          String status = status(id);
          if (status.equals("COMPLETED") || status.equals("CANCELLED")) {
            ends.put(id, status);
          }
        }
      }
      return ends.size() == orders.size();
    });
    return ends;
  }

  /** Charges the card processor approved, by its own count (replays of a key are not counted). */
  long processorCharges() {
    return (long) metric("psp-simulator", "psp_charges_total\\{[^}]*outcome=\"succeeded\"[^}]*\\}");
  }

  /** The payment service's breaker around the processor: closed, open or half_open. */
  String breakerState() {
    String scrape = service("payment").get("/metrics").body();
    Matcher m = Pattern.compile("resilience4j_circuitbreaker_state\\{[^}]*state=\"([a-z_]+)\"[^}]*\\} 1\\.0")
        .matcher(scrape);
    return m.find() ? m.group(1) : "unknown";
  }

  /** Sets the card processor simulator's behaviour (PUT /admin/behaviour), or its start-up one when empty. */
  void processorBehaves(Map<String, Object> behaviour) {
    TestResponse response = behaviour.isEmpty() ? service("psp-simulator").delete("/admin/behaviour")
        : service("psp-simulator").put("/admin/behaviour", behaviour);
    assertThat(response.status()).as("%s", response).isEqualTo(200);
  }

  private double metric(String service, String series) {
    String scrape = service(service).get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
