package dev.emporium.inventory;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the inventory service's integration tests share: wiring to their own database, topics and
 * consumer group, and the events the payment and order services would send.
 */
public final class InventoryTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private InventoryTestSupport() {}

  /** The topics of one test class: what the service publishes and the two it consumes. */
  public record Topics(String inventory, String payments, String orders) {

    public static Topics create(InProcessKafka kafka) {
      return new Topics(kafka.newTopic("inventory-events"), kafka.newTopic("payment-events"),
          kafka.newTopic("order-events"));
    }
  }

  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, Topics topics) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.inventory.topic", topics::inventory);
    registry.add("emporium.inventory.payment-topic", topics::payments);
    registry.add("emporium.inventory.order-topic", topics::orders);
    registry.add("emporium.inventory.consumer-group", () -> InProcessKafka.uniqueName("inventory-it"));
    // Fast retries and relay polling, so that what a test waits for happens within seconds.
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
    registry.add("emporium.events.outbox.poll-interval", () -> "50ms");
  }

  /** One item of a payment: {@code {productId, quantity}}. */
  public static Map<String, Object> item(UUID productId, int quantity) {
    return Map.of("productId", productId.toString(), "quantity", quantity);
  }

  /** A {@code PaymentProcessed} CloudEvent of the payment service for {@code orderId}, with a new event id. */
  public static ProducerRecord<String, byte[]> paymentProcessed(CloudEventCodec codec, String topic, String orderId,
      List<Map<String, Object>> items) {
    Map<String, Object> data = Map.of("orderId", orderId, "userId", "u-" + orderId, "items", items, "amount", 42.50);
    return event(codec, topic, "/services/payment", "PaymentProcessed", orderId, data);
  }

  /** An {@code OrderCancelled} CloudEvent of the order service, with a new event id. */
  public static ProducerRecord<String, byte[]> orderCancelled(CloudEventCodec codec, String topic, String orderId,
      String reason) {
    return event(codec, topic, "/services/order", "OrderCancelled", orderId,
        Map.of("orderId", orderId, "reason", reason));
  }

  public static ProducerRecord<String, byte[]> event(CloudEventCodec codec, String topic, String source, String type,
      String key, Object data) {
    return codec.toRecord(topic, UUID.randomUUID().toString(), URI.create(source), type, key, OffsetDateTime.now(),
        JSON.writeValueAsBytes(data), Map.of());
  }

  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
