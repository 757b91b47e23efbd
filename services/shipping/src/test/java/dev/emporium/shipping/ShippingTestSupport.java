package dev.emporium.shipping;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the shipping service's tests share: wiring to their own database, topics and consumer
 * group, and the events the order and inventory services would send (shaped as docs/events.md
 * says; the contract test checks them against the schemas).
 */
public final class ShippingTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  public static final UUID KETTLE = UUID.fromString("3f0c8a4e-7a57-4a4e-9a0e-1b0f9e6f2c11");
  public static final UUID MUG = UUID.fromString("8a1d2b3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

  private ShippingTestSupport() {}

  /** The topics of one test class: what the service publishes and the two it consumes. */
  public record Topics(String shipping, String orders, String inventory) {

    public static Topics create(InProcessKafka kafka) {
      return new Topics(kafka.newTopic("shipping-events"), kafka.newTopic("order-events"),
          kafka.newTopic("inventory-events"));
    }
  }

  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, Topics topics) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.shipping.topic", topics::shipping);
    registry.add("emporium.shipping.order-topic", topics::orders);
    registry.add("emporium.shipping.inventory-topic", topics::inventory);
    registry.add("emporium.shipping.consumer-group", () -> InProcessKafka.uniqueName("shipping-it"));
    // Fast retries and relay polling, so that what a test waits for happens within seconds.
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
    registry.add("emporium.events.outbox.poll-interval", () -> "50ms");
  }

  public static String newOrderId() {
    return UUID.randomUUID().toString();
  }

  /** A shipping address in {@code country}. */
  public static Map<String, Object> address(String country) {
    return Map.of("name", "Ada Lovelace", "line1", "Unter den Linden 1", "city", "Berlin", "postalCode", "10117",
        "country", country);
  }

  /** OrderCreated data as the order service writes it: a kettle and two mugs to {@code address}. */
  public static Map<String, Object> orderCreatedData(String orderId, String userId, Map<String, Object> address) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("userId", userId);
    data.put("items", List.of(
        Map.of("productId", KETTLE.toString(), "name", "Pour-over Kettle", "quantity", 1,
            "unitPrice", Map.of("amount", 35.00, "currency", "EUR")),
        Map.of("productId", MUG.toString(), "name", "Stoneware Mug", "quantity", 2,
            "unitPrice", Map.of("amount", 12.50, "currency", "EUR"))));
    data.put("total", Map.of("amount", 60.00, "currency", "EUR"));
    data.put("paymentMethod", "card-visa-4242");
    data.put("shippingAddress", address);
    data.put("fromCart", false);
    data.put("occurredAt", Instant.now().toString());
    return data;
  }

  public static Map<String, Object> orderCancelledData(String orderId, String userId, String reason) {
    return Map.of("orderId", orderId, "userId", userId, "reason", reason, "previousStatus", "RESERVED",
        "occurredAt", Instant.now().toString());
  }

  /** InventoryReserved data as the inventory service writes it: the kettle and mugs, from two warehouses. */
  public static Map<String, Object> inventoryReservedData(String orderId) {
    return Map.of("orderId", orderId, "lines", List.of(
            Map.of("productId", KETTLE.toString(), "warehouse", "berlin", "quantity", 1),
            Map.of("productId", MUG.toString(), "warehouse", "berlin", "quantity", 1),
            Map.of("productId", MUG.toString(), "warehouse", "paris", "quantity", 1)),
        "occurredAt", Instant.now().toString());
  }

  public static ProducerRecord<String, byte[]> orderCreated(CloudEventCodec codec, String topic, String orderId,
      String userId, String country) {
    return event(codec, topic, "/services/order", "OrderCreated", orderId,
        orderCreatedData(orderId, userId, address(country)));
  }

  public static ProducerRecord<String, byte[]> orderCancelled(CloudEventCodec codec, String topic, String orderId,
      String userId, String reason) {
    return event(codec, topic, "/services/order", "OrderCancelled", orderId,
        orderCancelledData(orderId, userId, reason));
  }

  public static ProducerRecord<String, byte[]> inventoryReserved(CloudEventCodec codec, String topic, String orderId) {
    return event(codec, topic, "/services/inventory", "InventoryReserved", orderId, inventoryReservedData(orderId));
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
