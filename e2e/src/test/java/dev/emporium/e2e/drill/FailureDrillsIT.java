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
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failure drills in the process mode: the saga's services each in its own JVM, killed with
 * SIGKILL mid-stream, the Kafka broker stopped, the card processor failing. Every order must end
 * COMPLETED, be charged once, and leave the stock exact. Each drill prints how long the platform
 * took to recover.
 */
class FailureDrillsIT {

  static final String SHOPPER = UUID.randomUUID().toString();

  static ProcessPlatform platform;

  @BeforeAll
  static void start() {
    platform = ProcessPlatform.start(Map.of("payment", Map.of(
        // Payments wait for a processor that is down instead of cancelling the order.
        "emporium.payment.on-processor-unavailable", "wait",
        "emporium.payment.processor.timeout", "3s",
        "emporium.payment.processor.breaker.open-duration", "5s",
        "emporium.payment.charger.wait-initial-delay", "1s",
        "emporium.payment.charger.wait-max-delay", "5s",
        // A payment taken by an instance that was killed is taken again after this.
        "emporium.payment.charger.lease", "25s")));
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void ordersSurviveThePaymentAndThenTheOrderServiceBeingKilledMidStream() {
    String product = product("Drill kettle", 1000);
    long chargesBefore = pspCharges();
    List<String> orders;
    long recoveredIn;
    try (OrderStream stream = new OrderStream(shopper(), product, "tok_visa")) {
      CompletableFuture<Void> placing = CompletableFuture.runAsync(() -> stream.place(120, Duration.ofMillis(125)));
      ProcessPlatform.sleep(Duration.ofSeconds(4));
      platform.kill("payment");
      platform.startService("payment");
      ProcessPlatform.sleep(Duration.ofSeconds(4));
      platform.kill("order");
      platform.startService("order");
      placing.join();
      long restarted = System.nanoTime();
      orders = stream.awaitAnswers();
      assertThat(stream.failures()).as("orders never accepted").isEmpty();
      assertThat(stream.resent()).as("some orders met the order service down").isPositive();
      Map<String, String> ends = awaitTerminal(orders, Duration.ofMinutes(4));
      recoveredIn = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
      assertThat(ends).hasSize(120).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("COMPLETED"));
    }
    System.out.printf("drill: payment and order killed: 120 orders COMPLETED, the last %d ms after the stream ended%n",
        recoveredIn);
    assertThat(pspCharges() - chargesBefore).as("each order charged exactly once").isEqualTo(120);
    assertThat(available(product)).as("stock exact").isEqualTo(1000 - 120);
  }

  @Test
  void ordersAreAcceptedWhileKafkaIsDownAndCompleteAfterItReturns() {
    String product = product("Drill lantern", 100);
    platform.awaitReady("order", "payment", "inventory", "shipping");
    long chargesBefore = pspCharges();
    platform.stopKafka();
    long stopped = System.nanoTime();
    List<String> orders;
    try (OrderStream stream = new OrderStream(shopper(), product, "tok_visa")) {
      stream.place(20, Duration.ofMillis(1000));
      ProcessPlatform.sleep(Duration.ofNanos(Math.max(0, Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stopped))));
      orders = stream.awaitAnswers();
      assertThat(stream.failures()).as("orders refused while Kafka was down").isEmpty();
      for (String id : orders) {
        assertThat(status(id)).as("no step past creation without Kafka").isEqualTo("PENDING");
      }
    }
    platform.startKafka();
    long restarted = System.nanoTime();
    Map<String, String> ends = awaitTerminal(orders, Duration.ofMinutes(4));
    long recoveredIn = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
    System.out.printf("drill: Kafka stopped for 30 s: 20 orders accepted, all COMPLETED %d ms after it returned%n",
        recoveredIn);
    assertThat(ends).hasSize(20).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("COMPLETED"));
    assertThat(pspCharges() - chargesBefore).isEqualTo(20);
    assertThat(available(product)).isEqualTo(80);
  }

  @Test
  void aFailingProcessorOpensTheBreakerAndOrdersWaitAndCompleteWhenItHeals() {
    String product = product("Drill tent", 100);
    platform.awaitReady("order", "payment", "inventory", "shipping");
    HttpTestClient psp = HttpTestClient.forPort(platform.port("psp-simulator"));
    assertThat(psp.put("/admin/behaviour", Map.of("failureRate", 1.0)).status()).isEqualTo(200);
    List<String> orders;
    try {
      try (OrderStream stream = new OrderStream(shopper(), product, "tok_visa")) {
        stream.place(10, Duration.ofMillis(200));
        orders = stream.awaitAnswers();
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> breakerState().equals("open"));
      for (String id : orders) {
        assertThat(status(id)).as("waiting, not cancelled, while the processor fails").isEqualTo("PENDING");
      }
    } finally {
      assertThat(psp.delete("/admin/behaviour").status()).isEqualTo(200);
    }
    long healed = System.nanoTime();
    Map<String, String> ends = awaitTerminal(orders, Duration.ofMinutes(3));
    long recoveredIn = Duration.ofNanos(System.nanoTime() - healed).toMillis();
    System.out.printf("drill: processor failing: breaker opened, 10 orders waited, all COMPLETED %d ms after it healed%n",
        recoveredIn);
    assertThat(ends).hasSize(10).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("COMPLETED"));
    assertThat(breakerState()).isNotEqualTo("open");
    assertThat(available(product)).isEqualTo(90);
  }

  static HttpTestClient shopper() {
    return HttpTestClient.forPort(platform.port("order")).as(SHOPPER, "customer");
  }

  static String product(String name, int units) {
    HttpTestClient admin = HttpTestClient.forPort(platform.port("product")).as("drill-admin", "admin");
    TestResponse created = admin.post("/api/products", Map.of("name", name + " " + UUID.randomUUID(),
        "description", "for a drill", "price", Map.of("amount", new BigDecimal("10.00"), "currency", "EUR"),
        "category", "drills", "attributes", Map.of()));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().get("id").asString();
    TestResponse stocked = HttpTestClient.forPort(platform.port("inventory")).as("drill-admin", "admin")
        .post("/api/inventory/restock", Map.of("productId", id, "warehouse", "berlin", "quantity", units));
    assertThat(stocked.status()).as("%s", stocked).isBetween(200, 204);
    return id;
  }

  static long available(String product) {
    return HttpTestClient.forPort(platform.port("inventory")).as("drill-admin", "admin")
        .get("/api/inventory/" + product).json().get("available").asLong();
  }

  static String status(String orderId) {
    TestResponse response = shopper().get("/api/orders/" + orderId);
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.json().get("status").asString();
  }

  /** Polls until every order is COMPLETED or CANCELLED; returns each one's end. */
  static Map<String, String> awaitTerminal(List<String> orders, Duration timeout) {
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
  static long pspCharges() {
    return (long) metric(platform.port("psp-simulator"), "psp_charges_total\\{[^}]*outcome=\"succeeded\"[^}]*\\}");
  }

  /** The payment service's breaker around the processor: closed, open or half_open. */
  static String breakerState() {
    String scrape = HttpTestClient.forPort(platform.port("payment")).get("/metrics").body();
    Matcher m = Pattern.compile("resilience4j_circuitbreaker_state\\{[^}]*state=\"([a-z_]+)\"[^}]*\\} 1\\.0").matcher(scrape);
    return m.find() ? m.group(1) : "unknown";
  }

  static double metric(int port, String series) {
    String scrape = HttpTestClient.forPort(port).get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
