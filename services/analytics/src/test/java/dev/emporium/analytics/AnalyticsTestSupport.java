package dev.emporium.analytics;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the analytics service's tests share: wiring to their own database, topics and consumer
 * group, the saga's events as their producers write them (shaped as docs/events.md says; the
 * contract test checks them against the schemas), and a wait until the service has consumed
 * everything sent, so that a test can assert that nothing more will be counted.
 */
public final class AnalyticsTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PRODUCT = "3f0c8a4e-7a57-4a4e-9a0e-1b0f9e6f2c11";

  private AnalyticsTestSupport() {}

  /** The four topics of one test class, and its consumer group. */
  public record Wiring(String orders, String payments, String inventory, String shipping, String group) {

    public static Wiring create(InProcessKafka kafka) {
      return new Wiring(kafka.newTopic("order-events"), kafka.newTopic("payment-events"),
          kafka.newTopic("inventory-events"), kafka.newTopic("shipping-events"), InProcessKafka.uniqueName("analytics-it"));
    }

    public List<String> topics() {
      return List.of(orders, payments, inventory, shipping);
    }
  }

  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, Wiring wiring) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.analytics.order-topic", wiring::orders);
    registry.add("emporium.analytics.payment-topic", wiring::payments);
    registry.add("emporium.analytics.inventory-topic", wiring::inventory);
    registry.add("emporium.analytics.shipping-topic", wiring::shipping);
    registry.add("emporium.analytics.consumer-group", wiring::group);
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
  }

  /** The saga's events of one order, as the order, payment, inventory and shipping services write them. */
  public record Order(CloudEventCodec codec, Wiring wiring, String orderId, String userId) {

    public static Order create(CloudEventCodec codec, Wiring wiring) {
      return new Order(codec, wiring, UUID.randomUUID().toString(), "user-" + UUID.randomUUID());
    }

    public String paymentId() {
      return "pay-" + orderId;
    }

    public ProducerRecord<String, byte[]> created(Instant at, String total, String currency) {
      return event(wiring.orders(), "/services/order", "OrderCreated", createdData(at, total, currency));
    }

    public Map<String, Object> createdData(Instant at, String total, String currency) {
      Map<String, Object> money = Map.of("amount", new BigDecimal(total), "currency", currency);
      Map<String, Object> data = base(at);
      data.put("items", List.of(Map.of("productId", PRODUCT, "name", "Pour-over Kettle", "quantity", 1,
          "unitPrice", money)));
      data.put("total", money);
      data.put("paymentMethod", "card-visa-4242");
      data.put("shippingAddress", Map.of("name", "Ada Lovelace", "line1", "Unter den Linden 1", "city", "Berlin",
          "postalCode", "10117", "country", "DE"));
      data.put("fromCart", true);
      return data;
    }

    public ProducerRecord<String, byte[]> paid(Instant at, String amount, String currency) {
      return event(wiring.payments(), "/services/payment", "PaymentProcessed", paidData(at, amount, currency));
    }

    public Map<String, Object> paidData(Instant at, String amount, String currency) {
      Map<String, Object> data = base(at);
      data.put("paymentId", paymentId());
      data.put("items", List.of(Map.of("productId", PRODUCT, "quantity", 1)));
      data.put("amount", new BigDecimal(amount));
      data.put("currency", currency);
      return data;
    }

    public ProducerRecord<String, byte[]> paymentFailed(Instant at) {
      Map<String, Object> data = base(at);
      data.put("reason", "card-declined");
      return event(wiring.payments(), "/services/payment", "PaymentFailed", data);
    }

    public ProducerRecord<String, byte[]> refunded(Instant at, String amount, String currency) {
      return event(wiring.payments(), "/services/payment", "PaymentRefunded", refundedData(at, amount, currency));
    }

    public Map<String, Object> refundedData(Instant at, String amount, String currency) {
      Map<String, Object> data = base(at);
      data.put("paymentId", paymentId());
      data.put("amount", new BigDecimal(amount));
      data.put("currency", currency);
      data.put("reason", "insufficient-stock");
      return data;
    }

    public ProducerRecord<String, byte[]> reserved(Instant at) {
      return event(wiring.inventory(), "/services/inventory", "InventoryReserved", reservedData(at));
    }

    public Map<String, Object> reservedData(Instant at) {
      return Map.of("orderId", orderId, "lines", List.of(Map.of("productId", PRODUCT, "warehouse", "main",
          "quantity", 1)), "occurredAt", text(at));
    }

    public ProducerRecord<String, byte[]> insufficient(Instant at) {
      return event(wiring.inventory(), "/services/inventory", "InventoryInsufficient", Map.of("orderId", orderId,
          "shortages", List.of(Map.of("productId", PRODUCT, "requested", 1, "available", 0)), "occurredAt", text(at)));
    }

    public ProducerRecord<String, byte[]> shipped(Instant at) {
      return event(wiring.shipping(), "/services/shipping", "ShipmentCreated", shippedData(at));
    }

    public Map<String, Object> shippedData(Instant at) {
      Map<String, Object> data = base(at);
      data.put("shipmentId", UUID.nameUUIDFromBytes(orderId.getBytes()).toString());
      data.put("trackingNumber", "EMP4718220090");
      data.put("carrier", "DHL");
      return data;
    }

    public ProducerRecord<String, byte[]> shipmentFailed(Instant at) {
      Map<String, Object> data = base(at);
      data.put("reason", "address-unserviceable");
      return event(wiring.shipping(), "/services/shipping", "ShipmentFailed", data);
    }

    public ProducerRecord<String, byte[]> completed(Instant at) {
      return event(wiring.orders(), "/services/order", "OrderCompleted", completedData(at));
    }

    public Map<String, Object> completedData(Instant at) {
      Map<String, Object> money = Map.of("amount", new BigDecimal("35.00"), "currency", "EUR");
      Map<String, Object> data = base(at);
      data.put("items", List.of(Map.of("productId", PRODUCT, "quantity", 1, "unitPrice", money)));
      data.put("total", money);
      data.put("trackingNumber", "EMP4718220090");
      return data;
    }

    public ProducerRecord<String, byte[]> cancelled(Instant at, String reason) {
      return event(wiring.orders(), "/services/order", "OrderCancelled", cancelledData(at, reason));
    }

    public Map<String, Object> cancelledData(Instant at, String reason) {
      Map<String, Object> data = base(at);
      data.put("reason", reason);
      data.put("previousStatus", "PAID");
      return data;
    }

    public ProducerRecord<String, byte[]> event(String topic, String source, String type, Object data) {
      return codec.toRecord(topic, UUID.randomUUID().toString(), URI.create(source), type, orderId,
          OffsetDateTime.now(ZoneOffset.UTC), JSON.writeValueAsBytes(data), Map.of());
    }

    private Map<String, Object> base(Instant at) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("orderId", orderId);
      data.put("userId", userId);
      data.put("occurredAt", text(at));
      return data;
    }
  }

  static String text(Instant at) {
    return at.toString();
  }

  /**
   * Waits until the consumer group has committed, on every partition of {@code topics}, the end
   * offset: every record sent before the call (duplicates included) has been processed, since
   * offsets are committed after each record's transaction.
   */
  public static void awaitConsumed(InProcessKafka kafka, String group, Collection<String> topics) throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        List<TopicPartition> behind = partitions.stream().filter(p -> ends.get(p).offset() > 0)
            .filter(p -> committed.get(p) == null || committed.get(p).offset() < ends.get(p).offset()).toList();
        if (behind.isEmpty()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the consumer group " + group + " is still behind on " + behind);
        }
        Thread.sleep(100);
      }
    }
  }
}
