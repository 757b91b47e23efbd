package dev.emporium.platform.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.sample.OrderPlaced;
import dev.emporium.platform.events.sample.SampleConsumer;
import dev.emporium.platform.events.sample.SampleEventsApplication;
import dev.emporium.platform.events.sample.SampleOrders;
import dev.emporium.platform.events.schema.EventSchemaViolation;
import dev.emporium.platform.events.trace.TraceContexts;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = SampleEventsApplication.class)
class OutboxIT {

  static final TestDatabase db = PostgresDatabases.create(OutboxIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String topic = kafka.newTopic("orders");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("sample.topic", () -> topic);
    registry.add("sample.group", () -> InProcessKafka.uniqueName("outbox-it"));
  }

  @Autowired SampleOrders orders;
  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired Tracer tracer;
  @Autowired TraceContexts traceContexts;
  @Autowired SampleConsumer consumer;

  @Test
  void stateChangeAndItsEventCommitTogetherAndTheEventIsPublishedAsACloudEvent() {
    String orderId = "o-" + UUID.randomUUID();
    try (TopicReader reader = kafka.reader(topic)) {
      orders.place(orderId, 7);

      ConsumerRecord<String, byte[]> record = only(reader.awaitUntil(
          records -> records.stream().anyMatch(r -> orderId.equals(r.key())), "the event of " + orderId), orderId);
      Map<String, String> headers = headers(record);
      assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("ce_type", "OrderPlaced")
          .containsEntry("ce_source", "/services/events-sample").containsEntry("ce_subject", orderId)
          .containsEntry("content-type", "application/json")
          .containsEntry("ce_dataschema", "urn:emporium:events:OrderPlaced")
          .containsKeys("ce_id", "ce_time");
      assertThat(new String(record.value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"orderId\": \"" + orderId + "\", \"sequence\": 7}");
    }
    assertThat(orders.count(orderId)).isEqualTo(1);
  }

  @Test
  void rolledBackStateChangeLeavesNoEvent() {
    String orderId = "o-" + UUID.randomUUID();
    try (TopicReader reader = kafka.reader(topic)) {
      assertThatThrownBy(() -> orders.placeThenFail(orderId)).isInstanceOf(IllegalStateException.class);

      assertThat(orders.count(orderId)).isZero();
      assertThat(outboxRows(orderId)).isZero();
      assertThat(reader.drain(Duration.ofSeconds(1))).noneMatch(r -> orderId.equals(r.key()));
    }
  }

  @Test
  void appendingOutsideATransactionIsRefused() {
    assertThatThrownBy(() -> outbox.append(topic, new OrderPlaced("o-1", 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
  }

  @Test
  void eventBreakingItsSchemaIsRefusedAndRollsTheChangeBack() {
    String orderId = "o-" + UUID.randomUUID();

    assertThatThrownBy(() -> orders.place(orderId, -1))
        .isInstanceOf(EventSchemaViolation.class).hasMessageContaining("sequence");
    assertThat(orders.count(orderId)).isZero();
  }

  @Test
  void publishedEventCarriesTheTraceContextOfTheWriter() {
    String orderId = "o-" + UUID.randomUUID();
    Span span = tracer.nextSpan().name("place order").start();
    try (TopicReader reader = kafka.reader(topic)) {
      try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
        orders.place(orderId, 1);
      } finally {
        span.end();
      }

      ConsumerRecord<String, byte[]> record = only(reader.awaitUntil(
          records -> records.stream().anyMatch(r -> orderId.equals(r.key())), "the event of " + orderId), orderId);
      assertThat(headers(record).get("traceparent")).contains(span.context().traceId());
    }
  }

  @Test
  void consumerHandlesTheEventInAChildSpanOfTheWritersSpan() {
    String orderId = "o-" + UUID.randomUUID();
    Span span = tracer.nextSpan().name("place order").start();
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      orders.place(orderId, 1);
    } finally {
      span.end();
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> consumer.handlingSpan(orderId) != null);
    assertThat(consumer.handlingSpan(orderId))
        .isEqualTo(new SampleConsumer.HandlingSpan(span.context().traceId(), span.context().spanId()));
  }

  @Test
  void storedWorkContinuesTheTraceItWasStoredInAndItsEventsToo() {
    String orderId = "o-" + UUID.randomUUID();
    Span request = tracer.nextSpan().name("request").start();
    Map<String, String> stored;
    try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
      stored = traceContexts.current();
    } finally {
      request.end();
    }
    assertThat(stored.get("traceparent")).contains(request.context().traceId());

    try (TopicReader reader = kafka.reader(topic)) {
      String[] worker = new String[2];
      traceContexts.continueTrace(stored, "deferred work", () -> {
        worker[0] = tracer.currentSpan().context().traceId();
        worker[1] = tracer.currentSpan().context().spanId();
        orders.place(orderId, 1);
      });

      assertThat(worker[0]).isEqualTo(request.context().traceId());
      assertThat(worker[1]).isNotEqualTo(request.context().spanId());
      ConsumerRecord<String, byte[]> record = only(reader.awaitUntil(
          records -> records.stream().anyMatch(r -> orderId.equals(r.key())), "the event of " + orderId), orderId);
      assertThat(headers(record).get("traceparent")).contains(request.context().traceId()).contains(worker[1]);
    }
  }

  @Test
  void storedWorkWithoutAContextStartsATraceOfItsOwn() {
    Span unrelated = tracer.nextSpan().name("unrelated").start();
    String[] worker = new String[1];
    try (Tracer.SpanInScope scope = tracer.withSpan(unrelated)) {
      traceContexts.continueTrace(Map.of(), "deferred work", () -> {
        worker[0] = tracer.currentSpan().context().traceId();
      });
    } finally {
      unrelated.end();
    }

    assertThat(worker[0]).isNotBlank().isNotEqualTo(unrelated.context().traceId());
  }

  @Test
  void eventsOfOneAggregateArePublishedInTheOrderTheyWereWritten() {
    List<String> ids = List.of("a-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "c-" + UUID.randomUUID());
    try (TopicReader reader = kafka.reader(topic)) {
      for (int sequence = 0; sequence < 20; sequence++) {
        for (String id : ids) {
          orders.place(id, sequence);
        }
      }

      List<ConsumerRecord<String, byte[]>> records = reader.awaitUntil(
          all -> all.stream().filter(r -> ids.contains(r.key())).count() >= 60, "60 events");
      Map<String, List<Integer>> sequences = records.stream().filter(r -> ids.contains(r.key()))
          .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(OutboxIT::sequence, Collectors.toList())));
      for (String id : ids) {
        assertThat(sequences.get(id)).as(id).isSorted().hasSize(20);
      }
    }
  }

  @Test
  void failedPublishIsRetriedLaterAndHoldsBackOnlyItsOwnAggregate() {
    String badTopic = "not a valid topic name!";
    String blocked = "blocked-" + UUID.randomUUID();
    String free = "free-" + UUID.randomUUID();
    try (TopicReader reader = kafka.reader(topic)) {
      orders.placeOn(badTopic, new OrderPlaced(blocked, 1));
      orders.placeOn(badTopic, new OrderPlaced(blocked, 2));
      orders.place(free, 1);

      reader.awaitUntil(records -> records.stream().anyMatch(r -> free.equals(r.key())), "the free aggregate's event");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(attempts(blocked, 1)).isGreaterThanOrEqualTo(2));
      assertThat(attempts(blocked, 2)).as("the later event waits behind the failing one").isZero();
      assertThat(jdbc.sql("SELECT last_error FROM event_outbox WHERE aggregate_id = :id ORDER BY id LIMIT 1")
          .param("id", blocked).query(String.class).single()).isNotBlank();
      assertThat(jdbc.sql("SELECT next_attempt_at > now() - interval '1 second' FROM event_outbox "
          + "WHERE aggregate_id = :id ORDER BY id LIMIT 1").param("id", blocked).query(Boolean.class).single()).isTrue();
    }
  }

  private int outboxRows(String aggregateId) {
    return jdbc.sql("SELECT count(*) FROM event_outbox WHERE aggregate_id = :id").param("id", aggregateId)
        .query(Integer.class).single();
  }

  private int attempts(String aggregateId, int sequence) {
    return jdbc.sql("SELECT attempts FROM event_outbox WHERE aggregate_id = :id AND (payload->>'sequence')::int = :seq")
        .param("id", aggregateId).param("seq", sequence).query(Integer.class).single();
  }

  private static int sequence(ConsumerRecord<String, byte[]> record) {
    String json = new String(record.value(), StandardCharsets.UTF_8);
    return Integer.parseInt(json.replaceAll(".*\"sequence\": ?(\\d+).*", "$1"));
  }

  private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String key) {
    List<ConsumerRecord<String, byte[]>> matching = records.stream().filter(r -> key.equals(r.key())).toList();
    assertThat(matching).hasSize(1);
    return matching.getFirst();
  }

  private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false)
        .collect(Collectors.toMap(h -> h.key(), h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
  }
}
