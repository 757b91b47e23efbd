package dev.emporium.platform.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.EventsProperties;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.sample.SampleConsumer;
import dev.emporium.platform.events.sample.SampleConsumer.Effect;
import dev.emporium.platform.events.sample.SampleEventsApplication;
import dev.emporium.platform.events.sample.SampleOrders;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay under crashes and competition. The application's own relay is off: each test runs
 * relays it builds, so that it decides when they start, stop and crash.
 */
@SpringBootTest(classes = SampleEventsApplication.class, properties = "emporium.events.outbox.enabled=false")
class OutboxRelayIT {

  static final TestDatabase db = PostgresDatabases.create(OutboxRelayIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String topic = kafka.newTopic("relay");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("sample.topic", () -> topic);
    registry.add("sample.group", () -> InProcessKafka.uniqueName("relay-it"));
  }

  @Autowired SampleOrders orders;
  @Autowired SampleConsumer consumer;
  @Autowired OutboxRepository repository;
  @Autowired CloudEventCodec codec;
  @Autowired EventsProperties properties;
  @Autowired DataSourceTransactionManager transactionManager;

  @Test
  void relayCrashingBeforeItsCommitAndRestartedPublishesEverythingAndEachEffectHappensOnce() {
    String prefix = "crash-" + UUID.randomUUID() + "-";
    List<String> aggregates = writeEvents(prefix, 10, 30);
    int attemptsBefore = consumer.attempts();

    // The first relay publishes two batches, then "crashes" before each commit: those rows stay pending.
    OutboxRelay crashing = relay(new CommitFailingTransactionManager(transactionManager, 2));
    crashing.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> effectsOf(prefix).size() >= 40);
    crashing.stop();

    OutboxRelay restarted = relay(transactionManager);
    restarted.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(prefix).size() >= 300 && pending(prefix) == 0);
    } finally {
      restarted.stop();
    }

    List<Effect> effects = effectsOf(prefix);
    assertThat(effects).hasSize(300);
    assertThat(effects.stream().map(Effect::eventId).distinct()).hasSize(300);
    assertOrderedPerAggregate(effects, aggregates);
    assertThat(consumer.attempts() - attemptsBefore).as("deliveries, duplicates included").isGreaterThan(300);
  }

  @Test
  void twoRelaysShareTheOutboxWithoutPublishingAnythingTwiceOrOutOfOrder() {
    String prefix = "pair-" + UUID.randomUUID() + "-";
    try (TopicReader reader = kafka.reader(topic)) {
      List<String> aggregates = writeEvents(prefix, 12, 25);

      OutboxRelay first = relay(transactionManager);
      OutboxRelay second = relay(transactionManager);
      first.start();
      second.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> effectsOf(prefix).size() >= 300 && pending(prefix) == 0);
      } finally {
        first.stop();
        second.stop();
      }

      List<Effect> effects = effectsOf(prefix);
      assertThat(effects).hasSize(300);
      assertOrderedPerAggregate(effects, aggregates);
      long published = reader.drain(Duration.ofSeconds(2)).stream()
          .filter(r -> r.key() != null && r.key().startsWith(prefix)).count();
      assertThat(published).as("records on the topic").isEqualTo(300);
    }
  }

  @Test
  void brokerDownCostsOnePassOneTimeoutAndLosesNothing() throws Exception {
    String prefix = "down-" + UUID.randomUUID() + "-";
    writeEvents(prefix, 5, 2);
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort);
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    EventsProperties.Outbox config = new EventsProperties.Outbox(true, Duration.ofMillis(20), 200,
        Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofDays(7));
    try (var unreachable = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
      OutboxRelay relay = new OutboxRelay(repository, unreachable, codec, properties.source(), config,
          new TransactionTemplate(transactionManager), null);

      long started = System.nanoTime();
      int published = relay.publishPending();

      assertThat(published).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(pending(prefix)).isEqualTo(10);

    OutboxRelay recovered = relay(transactionManager);
    recovered.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> pending(prefix) == 0);
    } finally {
      recovered.stop();
    }
  }

  private List<String> writeEvents(String prefix, int aggregates, int perAggregate) {
    List<String> ids = IntStream.range(0, aggregates).mapToObj(i -> prefix + i).toList();
    for (int sequence = 0; sequence < perAggregate; sequence++) {
      for (String id : ids) {
        orders.place(id, sequence);
      }
    }
    return ids;
  }

  private OutboxRelay relay(PlatformTransactionManager transactions) {
    EventsProperties.Outbox config = new EventsProperties.Outbox(true, Duration.ofMillis(20), 20,
        Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofDays(7));
    Properties producerConfig = new Properties();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    return new OutboxRelay(repository, producer, codec, properties.source(), config,
        new TransactionTemplate(transactions), null);
  }

  private List<Effect> effectsOf(String prefix) {
    return consumer.effects().stream().filter(e -> e.orderId().startsWith(prefix)).toList();
  }

  private long pending(String prefix) {
    return repository.countPendingWithPrefix(prefix);
  }

  private static void assertOrderedPerAggregate(List<Effect> effects, List<String> aggregates) {
    Map<String, List<Integer>> sequences = effects.stream().collect(
        Collectors.groupingBy(Effect::orderId, Collectors.mapping(Effect::sequence, Collectors.toList())));
    assertThat(sequences.keySet()).containsExactlyInAnyOrderElementsOf(aggregates);
    sequences.forEach((id, seq) -> assertThat(seq).as(id).isSorted().doesNotHaveDuplicates());
  }

  /** Rolls back (and reports failure) instead of committing the first {@code failures} times: a crash. */
  static final class CommitFailingTransactionManager implements PlatformTransactionManager {
    private final PlatformTransactionManager delegate;
    private final AtomicInteger failuresLeft;

    CommitFailingTransactionManager(PlatformTransactionManager delegate, int failures) {
      this.delegate = delegate;
      this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
      return delegate.getTransaction(definition);
    }

    @Override
    public void commit(TransactionStatus status) {
      if (failuresLeft.getAndDecrement() > 0) {
        delegate.rollback(status);
        throw new TransactionSystemException("simulated crash before commit");
      }
      delegate.commit(status);
    }

    @Override
    public void rollback(TransactionStatus status) {
      delegate.rollback(status);
    }
  }
}
