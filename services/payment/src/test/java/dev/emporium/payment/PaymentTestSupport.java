package dev.emporium.payment;

import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TopicReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the payment service's integration tests share: wiring to their own database, topics,
 * consumer group and simulator, fast settings, and the events the order service would send.
 */
public final class PaymentTestSupport {

  public static final Duration WAIT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PaymentTestSupport() {}

  /** The topics of one test class: what the service publishes and what it consumes. */
  public record Topics(String payments, String orders) {

    public static Topics create(InProcessKafka kafka) {
      return new Topics(kafka.newTopic("payment-events"), kafka.newTopic("order-events"));
    }
  }

  /**
   * Settings of a test context: its own database, topics, consumer group and simulator, and short
   * delays (a 2 s call timeout, retries from 100 ms, fast polling) so that tests take seconds.
   */
  public static Map<String, String> properties(TestDatabase db, InProcessKafka kafka, Topics topics, Psp psp) {
    Map<String, String> p = new HashMap<>();
    p.put("spring.datasource.url", db.jdbcUrl());
    p.put("spring.datasource.username", db.username());
    p.put("spring.datasource.password", db.password() == null ? "" : db.password());
    p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    p.put("emporium.payment.topic", topics.payments());
    p.put("emporium.payment.order-topic", topics.orders());
    p.put("emporium.payment.consumer-group", InProcessKafka.uniqueName("payment-it"));
    p.put("emporium.payment.processor.url", psp.url());
    p.put("emporium.payment.processor.timeout", "2s");
    p.put("emporium.payment.processor.retry.initial-delay", "100ms");
    p.put("emporium.payment.charger.poll-interval", "100ms");
    p.put("emporium.payment.charger.wait-initial-delay", "200ms");
    p.put("emporium.payment.charger.wait-max-delay", "1s");
    p.put("emporium.events.consumer.retry-initial-delay", "50ms");
    p.put("emporium.events.consumer.retry-max-delay", "200ms");
    p.put("emporium.events.outbox.poll-interval", "50ms");
    return p;
  }

  public static void register(DynamicPropertyRegistry registry, Map<String, String> properties) {
    properties.forEach((name, value) -> registry.add(name, () -> value));
  }

  /** An {@code OrderCreated} of the order service as docs/events.md describes it, with a new event id. */
  public static ProducerRecord<String, byte[]> orderCreated(CloudEventCodec codec, String topic, String orderId,
      String userId, String amount, String paymentMethod, List<Map<String, Object>> items) {
    return event(codec, topic, "OrderCreated", orderId, orderCreatedData(orderId, userId, amount, paymentMethod, items));
  }

  public static Map<String, Object> orderCreatedData(String orderId, String userId, String amount, String paymentMethod,
      List<Map<String, Object>> items) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("userId", userId);
    data.put("items", items);
    data.put("total", Map.of("amount", new java.math.BigDecimal(amount), "currency", "EUR"));
    data.put("paymentMethod", paymentMethod);
    data.put("shippingAddress", Map.of("name", "Ada Lovelace", "line1", "1 Analytical St", "city", "London",
        "postalCode", "N1 7AA", "country", "GB"));
    data.put("fromCart", false);
    data.put("occurredAt", OffsetDateTime.now().toString());
    return data;
  }

  /** One line of an order: {@code {productId, name, quantity, unitPrice}}. */
  public static Map<String, Object> item(UUID productId, int quantity, String unitPrice) {
    return Map.of("productId", productId.toString(), "name", "Product " + productId.toString().substring(0, 8),
        "quantity", quantity, "unitPrice", Map.of("amount", new java.math.BigDecimal(unitPrice), "currency", "EUR"));
  }

  /** An {@code OrderCancelled} of the order service, with a new event id. */
  public static ProducerRecord<String, byte[]> orderCancelled(CloudEventCodec codec, String topic, String orderId,
      String userId, String reason, String previousStatus) {
    return event(codec, topic, "OrderCancelled", orderId, Map.of("orderId", orderId, "userId", userId,
        "reason", reason, "previousStatus", previousStatus, "occurredAt", OffsetDateTime.now().toString()));
  }

  public static ProducerRecord<String, byte[]> event(CloudEventCodec codec, String topic, String type, String key,
      Object data) {
    return codec.toRecord(topic, UUID.randomUUID().toString(), URI.create("/services/order"), type, key,
        OffsetDateTime.now(), JSON.writeValueAsBytes(data), Map.of());
  }

  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public static String type(ConsumerRecord<String, byte[]> record) {
    return header(record, "ce_type");
  }

  /** The records of {@code orderId} read so far once {@code done} holds for them (waits up to 30 s). */
  public static List<ConsumerRecord<String, byte[]>> awaitEvents(TopicReader reader, String orderId,
      Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    return await().atMost(WAIT).pollDelay(Duration.ZERO).until(() -> of(reader.drain(Duration.ofMillis(100)), orderId), done);
  }

  /** The first event of {@code type} for {@code orderId} (waits up to 30 s). */
  public static ConsumerRecord<String, byte[]> awaitEvent(TopicReader reader, String orderId, String type) {
    return awaitEvents(reader, orderId, records -> records.stream().anyMatch(r -> type.equals(type(r))))
        .stream().filter(r -> type.equals(type(r))).findFirst().orElseThrow();
  }

  public static List<ConsumerRecord<String, byte[]>> of(List<ConsumerRecord<String, byte[]>> records, String orderId) {
    return records.stream().filter(r -> orderId.equals(r.key())).toList();
  }
}
