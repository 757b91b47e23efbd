package dev.emporium.inventory.stock;

import static dev.emporium.inventory.InventoryTestSupport.header;
import static dev.emporium.inventory.InventoryTestSupport.item;
import static dev.emporium.inventory.InventoryTestSupport.paymentProcessed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.inventory.InventoryTestSupport;
import dev.emporium.inventory.InventoryTestSupport.Topics;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many orders racing for the last units: exactly as many succeed as there are units, and the stock
 * counts are exact afterwards, whether the orders come through the application service on several
 * threads or as events consumed by several listener threads.
 */
@SpringBootTest
class ConcurrentReservationIT {

  static final TestDatabase db = PostgresDatabases.create(ConcurrentReservationIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);
  static final int UNITS = 20;
  static final int ORDERS = 50;
  static final int THREADS = 8;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    InventoryTestSupport.register(registry, db, kafka, topics);
    registry.add("emporium.inventory.listener-concurrency", () -> "3");
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> String.valueOf(THREADS + 4));
  }

  @Autowired Inventory inventory;
  @Autowired CloudEventCodec codec;
  @Autowired JdbcClient jdbc;
  final Caller admin = new Caller("admin-1", Set.of("admin"), Set.of());

  @Test
  void fiftyConcurrentOrdersOfOneUnitForTwentyInStockReserveExactlyTwenty() throws Exception {
    UUID product = UUID.randomUUID();
    inventory.restock(admin, product, "main", UNITS);

    List<ReservationOutcome> outcomes = race(ORDERS, n -> () ->
        inventory.reserve(new ReserveStock("race-" + product + "-" + n, List.of(new OrderLine(product, 1)))));

    assertThat(outcomes.stream().filter(ReservationOutcome.Reserved.class::isInstance)).hasSize(UNITS);
    assertThat(outcomes.stream().filter(ReservationOutcome.Insufficient.class::isInstance)).hasSize(ORDERS - UNITS);
    assertExact(product, UNITS, UNITS);
    assertThat(outboxTypes(product)).containsEntry("InventoryReserved", (long) UNITS)
        .containsEntry("InventoryInsufficient", (long) (ORDERS - UNITS));
  }

  @Test
  void ordersLockingProductsInOppositeOrderNeitherDeadlockNorOversell() throws Exception {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    inventory.restock(admin, a, "main", UNITS);
    inventory.restock(admin, b, "north", UNITS / 2);
    inventory.restock(admin, b, "south", UNITS / 2);

    // Half the orders name a then b, half b then a; each takes one of each, so 20 fit.
    List<ReservationOutcome> outcomes = race(ORDERS, n -> () -> inventory.reserve(new ReserveStock(
        "pair-" + a + "-" + n, n % 2 == 0 ? List.of(new OrderLine(a, 1), new OrderLine(b, 1))
            : List.of(new OrderLine(b, 1), new OrderLine(a, 1)))));

    assertThat(outcomes.stream().filter(ReservationOutcome.Reserved.class::isInstance)).hasSize(UNITS);
    assertExact(a, UNITS, UNITS);
    assertExact(b, UNITS, UNITS);
  }

  @Test
  void fiftyPaymentEventsForTwentyUnitsReserveExactlyTwenty() throws Exception {
    UUID product = UUID.randomUUID();
    inventory.restock(admin, product, "main", UNITS);

    try (TopicReader reader = kafka.reader(topics.inventory());
        KafkaProducer<String, byte[]> producer = kafka.producer()) {
      List<Future<?>> sent = new ArrayList<>();
      for (int n = 0; n < ORDERS; n++) {
        sent.add(producer.send(paymentProcessed(codec, topics.payments(), "paid-" + product + "-" + n,
            List.of(item(product, 1)))));
      }
      for (Future<?> f : sent) {
        f.get(10, TimeUnit.SECONDS);
      }

      String prefix = "paid-" + product;
      List<ConsumerRecord<String, byte[]>> events = reader.awaitUntil(records -> records.stream()
          .filter(r -> r.key().startsWith(prefix)).count() >= ORDERS, ORDERS + " inventory events").stream()
          .filter(r -> r.key().startsWith(prefix)).toList();

      Map<String, Long> types = events.stream()
          .collect(Collectors.groupingBy(r -> header(r, "ce_type"), Collectors.counting()));
      assertThat(types).containsEntry("InventoryReserved", (long) UNITS)
          .containsEntry("InventoryInsufficient", (long) (ORDERS - UNITS));
      assertThat(events.stream().map(ConsumerRecord::key).distinct()).hasSize(ORDERS);
      assertThat(reader.drain(Duration.ofSeconds(1)).stream().filter(r -> r.key().startsWith(prefix)))
          .as("one event per order").hasSize(ORDERS);
    }
    assertExact(product, UNITS, UNITS);
  }

  /** Runs {@code orders} tasks on {@value #THREADS} threads, all released at once. */
  private <T> List<T> race(int orders, Function<Integer, Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int n = 0; n < orders; n++) {
        Callable<T> body = task.apply(n);
        futures.add(pool.submit(() -> {
          start.await();
          return body.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertExact(UUID product, long onHand, long reserved) {
    StockLevels levels = inventory.levels(admin, product);
    assertThat(levels.onHand()).isEqualTo(onHand);
    assertThat(levels.reserved()).isEqualTo(reserved);
    assertThat(jdbc.sql("SELECT coalesce(sum(quantity), 0) FROM reservation_lines WHERE product_id = :p AND state = 'RESERVED'")
        .param("p", product).query(Long.class).single()).as("reservation lines").isEqualTo(reserved);
  }

  private Map<String, Long> outboxTypes(UUID product) {
    return jdbc.sql("SELECT event_type, count(*) FROM event_outbox WHERE aggregate_id LIKE :prefix GROUP BY event_type")
        .param("prefix", "race-" + product + "-%")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
