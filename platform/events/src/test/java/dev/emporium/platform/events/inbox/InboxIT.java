package dev.emporium.platform.events.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.envelope.IncomingEvent;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.events.sample.SampleConsumer;
import dev.emporium.platform.events.sample.SampleEventsApplication;
import dev.emporium.platform.events.sample.SampleOrders;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = SampleEventsApplication.class)
class InboxIT {

  static final TestDatabase db = PostgresDatabases.create(InboxIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String topic = kafka.newTopic("inbox");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("sample.topic", () -> topic);
    registry.add("sample.group", () -> InProcessKafka.uniqueName("inbox-it"));
  }

  @Autowired Inbox inbox;
  @Autowired SampleOrders orders;
  @Autowired SampleConsumer consumer;
  @Autowired CloudEventCodec codec;
  @Autowired JsonMapper mapper;
  @Autowired MeterRegistry meters;

  @Test
  void eventDeliveredTwiceTakesEffectOnce() throws Exception {
    String orderId = "twice-" + UUID.randomUUID();
    ProducerRecord<String, byte[]> record = codec.toRecord(topic, UUID.randomUUID().toString(),
        URI.create("/services/elsewhere"), "OrderPlaced", orderId, OffsetDateTime.now(),
        ("{\"orderId\":\"" + orderId + "\",\"sequence\":1}").getBytes(StandardCharsets.UTF_8), Map.of());
    try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
      producer.send(record).get();
      producer.send(record).get();
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> consumer.attempts(orderId) == 2);
    assertThat(consumer.effects().stream().filter(e -> e.orderId().equals(orderId))).hasSize(1);
  }

  @Test
  void processReportsADuplicateAndSkipsItsEffect() {
    IncomingEvent event = event("direct-" + UUID.randomUUID());
    AtomicInteger runs = new AtomicInteger();

    assertThat(inbox.process("direct", event, e -> runs.incrementAndGet())).isTrue();
    assertThat(inbox.process("direct", event, e -> runs.incrementAndGet())).isFalse();
    assertThat(runs).hasValue(1);
  }

  @Test
  void anotherConsumerOfTheSameEventStillProcessesIt() {
    IncomingEvent event = event("shared-" + UUID.randomUUID());

    assertThat(inbox.process("billing", event, e -> {})).isTrue();
    assertThat(inbox.process("mailing", event, e -> {})).isTrue();
  }

  @Test
  void failedEffectLeavesNoRecordSoTheRedeliveryRunsIt() {
    IncomingEvent event = event("fails-once-" + UUID.randomUUID());

    assertThatThrownBy(() -> inbox.process("flaky", event, e -> {
      throw new IllegalStateException("database hiccup");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(inbox.process("flaky", event, e -> {})).isTrue();
  }

  @Test
  void poisonMessageGoesToTheDeadLetterTopicAfterTheConfiguredRetries() {
    String orderId = "poison-" + UUID.randomUUID();
    consumer.poison(orderId);
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topic))) {
      orders.place(orderId, 1);

      List<ConsumerRecord<String, byte[]>> dead = dlt.awaitUntil(
          records -> records.stream().anyMatch(r -> orderId.equals(r.key())), "the poison message in the DLT");
      ConsumerRecord<String, byte[]> record = dead.stream().filter(r -> orderId.equals(r.key())).findFirst().orElseThrow();
      assertThat(header(record, "ce_type")).isEqualTo("OrderPlaced");
      assertThat(header(record, "kafka_dlt-exception-message")).contains("cannot handle " + orderId);
    }
    assertThat(consumer.attempts(orderId)).as("1 delivery + 3 retries").isEqualTo(4);
    assertThat(consumer.effects().stream().filter(e -> e.orderId().equals(orderId))).as("rolled back").isEmpty();
    assertThat(meters.get("emporium.events.dead.letters").tag("topic", topic).counter().count()).isGreaterThanOrEqualTo(1.0);
    assertThat(meters.get("emporium.events.redeliveries").tag("topic", topic).counter().count()).isGreaterThanOrEqualTo(3.0);
  }

  @Test
  void recordThatIsNotACloudEventGoesToTheDeadLetterTopicWithoutRetries() throws Exception {
    String key = "garbage-" + UUID.randomUUID();
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topic));
        KafkaProducer<String, byte[]> producer = kafka.producer()) {
      producer.send(new ProducerRecord<>(topic, key, "not an event".getBytes(StandardCharsets.UTF_8))).get();

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> key.equals(r.key())), "the malformed record in the DLT");
    }
    assertThat(consumer.attempts(key)).isEqualTo(1);
  }

  private IncomingEvent event(String orderId) {
    return new IncomingEvent(UUID.randomUUID().toString(), URI.create("/services/test"), "OrderPlaced", orderId,
        OffsetDateTime.now(), topic, orderId, 0, 0,
        ("{\"orderId\":\"" + orderId + "\",\"sequence\":0}").getBytes(StandardCharsets.UTF_8), mapper);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
