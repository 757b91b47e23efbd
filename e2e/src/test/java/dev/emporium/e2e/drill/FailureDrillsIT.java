package dev.emporium.e2e.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failure drills in the process mode: the saga's services each in its own JVM, killed with
 * SIGKILL mid-stream, the Kafka broker stopped, the card processor failing. Every order must end
 * COMPLETED, be charged once, and leave the stock exact. Each drill prints how long the platform
 * took to recover.
 */
class FailureDrillsIT {

  static ProcessPlatform platform;
  static SagaClient saga;

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
    saga = new SagaClient(platform::port);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void ordersSurviveThePaymentAndThenTheOrderServiceBeingKilledMidStream() {
    String product = saga.product("Drill kettle", 1000);
    long chargesBefore = saga.processorCharges();
    List<String> orders;
    long recoveredIn;
    try (OrderStream stream = new OrderStream(saga.orders(), product, "tok_visa")) {
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
      Map<String, String> ends = saga.awaitTerminal(orders, Duration.ofMinutes(4));
      recoveredIn = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
      assertThat(ends).hasSize(120).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("COMPLETED"));
    }
    System.out.printf("drill: payment and order killed: 120 orders COMPLETED, the last %d ms after the stream ended%n",
        recoveredIn);
    assertThat(saga.processorCharges() - chargesBefore).as("each order charged exactly once").isEqualTo(120);
    assertThat(saga.available(product)).as("stock exact").isEqualTo(1000 - 120);
  }

  @Test
  void ordersAreAcceptedWhileKafkaIsDownAndCompleteAfterItReturns() {
    String product = saga.product("Drill lantern", 100);
    platform.awaitReady("order", "payment", "inventory", "shipping");
    long chargesBefore = saga.processorCharges();
    platform.stopKafka();
    long stopped = System.nanoTime();
    List<String> orders;
    try (OrderStream stream = new OrderStream(saga.orders(), product, "tok_visa")) {
      stream.place(20, Duration.ofMillis(1000));
      ProcessPlatform.sleep(Duration.ofNanos(Math.max(0, Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stopped))));
      orders = stream.awaitAnswers();
      assertThat(stream.failures()).as("orders refused while Kafka was down").isEmpty();
      for (String id : orders) {
        assertThat(saga.status(id)).as("no step past creation without Kafka").isEqualTo("PENDING");
      }
    }
    platform.startKafka();
    long restarted = System.nanoTime();
    Map<String, String> ends = saga.awaitTerminal(orders, Duration.ofMinutes(4));
    long recoveredIn = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
    System.out.printf("drill: Kafka stopped for 30 s: 20 orders accepted, all COMPLETED %d ms after it returned%n",
        recoveredIn);
    assertThat(ends).hasSize(20).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("COMPLETED"));
    assertThat(saga.processorCharges() - chargesBefore).isEqualTo(20);
    assertThat(saga.available(product)).isEqualTo(80);
  }

  @Test
  void aFailingProcessorOpensTheBreakerAndOrdersWaitAndCompleteWhenItHeals() {
    String product = saga.product("Drill tent", 100);
    platform.awaitReady("order", "payment", "inventory", "shipping");
    saga.processorBehaves(Map.of("failureRate", 1.0));
    List<String> orders;
    try {
      try (OrderStream stream = new OrderStream(saga.orders(), product, "tok_visa")) {
        stream.place(10, Duration.ofMillis(200));
        orders = stream.awaitAnswers();
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> saga.breakerState().equals("open"));
      for (String id : orders) {
        assertThat(saga.status(id)).as("waiting, not cancelled, while the processor fails").isEqualTo("PENDING");
      }
    } finally {
      saga.processorBehaves(Map.of());
    }
    long healed = System.nanoTime();
    Map<String, String> ends = saga.awaitTerminal(orders, Duration.ofMinutes(3));
    long recoveredIn = Duration.ofNanos(System.nanoTime() - healed).toMillis();
    System.out.printf("drill: processor failing: breaker opened, 10 orders waited, all COMPLETED %d ms after it healed%n",
        recoveredIn);
    assertThat(ends).hasSize(10).allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("COMPLETED"));
    assertThat(saga.breakerState()).isNotEqualTo("open");
    assertThat(saga.available(product)).isEqualTo(90);
  }

}
