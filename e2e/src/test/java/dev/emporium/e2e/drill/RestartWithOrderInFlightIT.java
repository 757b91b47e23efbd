package dev.emporium.e2e.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.e2e.RunningPlatform;
import dev.emporium.launcher.platform.EngineSettings;
import dev.emporium.launcher.platform.Platform;
import dev.emporium.launcher.platform.PlatformServices;
import dev.emporium.launcher.platform.ServiceDefinition;
import dev.emporium.platform.testing.TestResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code emporium up}'s promise about its data directory: the platform on embedded PostgreSQL and
 * Kafka, stopped while an order is in flight and started again on the same directory, completes the
 * order.
 */
class RestartWithOrderInFlightIT {

  static final List<ServiceDefinition> SERVICES = ProcessPlatform.definitions();

  @Test
  void anOrderInFlightWhenThePlatformStopsCompletesAfterTheRestart() throws IOException {
    Path data = Files.createTempDirectory("emporium-restart-");
    Map<String, String> env = new HashMap<>();
    env.put("EMPORIUM_DATA", data.toString());
    env.put("EMPORIUM_POSTGRES_PORT", String.valueOf(RunningPlatform.freePort()));
    env.put("EMPORIUM_KAFKA_PORT", String.valueOf(RunningPlatform.freePort()));
    env.put("EMPORIUM_KAFKA_CONTROLLER_PORT", String.valueOf(RunningPlatform.freePort()));
    // The saga's services use no AMQP; naming a server spares starting the embedded broker.
    env.put("EMPORIUM_AMQP", System.getenv().getOrDefault("EMPORIUM_TEST_AMQP", "127.0.0.1:5672"));
    Map<String, Integer> ports = new HashMap<>();
    PlatformServices.defaultPorts().keySet().forEach(name -> ports.put(name, RunningPlatform.freePort()));
    SagaClient saga = new SagaClient(ports::get);

    String orderId;
    String product;
    try (Platform first = start(env, ports)) {
      product = saga.product("Restart lamp", 5);
      // The processor answers slowly, so the order is still being paid for when the platform stops.
      saga.processorBehaves(Map.of("latencyMs", 3000));
      TestResponse placed = saga.orders().header("Idempotency-Key", UUID.randomUUID().toString())
          .post("/api/orders", Map.of(
              "items", List.of(Map.of("productId", product, "quantity", 1)),
              "shippingAddress", Map.of("name", "R. Start", "line1", "Hauptstraße 1", "city", "Berlin",
                  "postalCode", "10115", "country", "DE"),
              "paymentMethod", "tok_visa"));
      assertThat(placed.status()).as("%s", placed).isEqualTo(201);
      orderId = placed.json().get("id").asString();
      ProcessPlatform.sleep(Duration.ofSeconds(1));
      assertThat(saga.status(orderId)).isEqualTo("PENDING");
    }

    long restarted = System.nanoTime();
    try (Platform second = start(env, ports)) {
      Map<String, String> end = saga.awaitTerminal(List.of(orderId), Duration.ofSeconds(120));
      System.out.printf("drill: restart with an order in flight: COMPLETED %d ms after the restart began%n",
          Duration.ofNanos(System.nanoTime() - restarted).toMillis());
      assertThat(end).containsEntry(orderId, "COMPLETED");
      // Each step's event comes on its own topic, so the order may hear of a later step first; the
      // timeline records every step once all have arrived.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(saga.timeline(orderId))
          .contains("created", "payment-processed", "inventory-reserved", "shipment-created", "completed"));
      assertThat(saga.available(product)).isEqualTo(4);
    }
  }

  private static Platform start(Map<String, String> env, Map<String, Integer> ports) {
    Platform platform = new Platform(EngineSettings.fromEnvironment(env));
    try {
      platform.startEngines(line -> System.out.println("restart: " + line));
      platform.startServices(SERVICES, ports, line -> System.out.println("restart: " + line));
      platform.awaitReady(SERVICES, ports, Duration.ofSeconds(120));
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }
}
