package dev.emporium.recommendation;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the recommendation service's tests share: wiring to their own database, topics and consumer
 * group, and the events the product and order services would send. The data built here is what the
 * contract test validates against the producers' schemas, so the ITs send only valid events.
 */
public final class RecommendationTestSupport {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private RecommendationTestSupport() {}

  /** The topics of one test class: the two the service consumes. */
  public record Topics(String products, String orders) {

    public static Topics create(InProcessKafka kafka) {
      return new Topics(kafka.newTopic("product-events"), kafka.newTopic("order-events"));
    }
  }

  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, Topics topics) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.recommendation.product-topic", topics::products);
    registry.add("emporium.recommendation.order-topic", topics::orders);
    registry.add("emporium.recommendation.consumer-group", () -> InProcessKafka.uniqueName("recommendation-it"));
    // Fast retries, so that a poison message reaches its dead-letter topic within seconds.
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
    registry.add("emporium.events.outbox.poll-interval", () -> "50ms");
  }

  /** A product as the product service's events carry it. */
  public record ProductFixture(UUID id, long version, String name, String amount, String category, boolean active,
      Instant occurredAt) {

    public ProductFixture withVersion(long newVersion, String newName, String newAmount, boolean isActive,
        Instant at) {
      return new ProductFixture(id, newVersion, newName, newAmount, category, isActive, at);
    }
  }

  /** The data of a ProductCreated or ProductUpdated (the two share one shape). */
  public static Map<String, Object> productData(ProductFixture p) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("productId", p.id().toString());
    data.put("version", p.version());
    data.put("name", p.name());
    data.put("description", "About " + p.name() + ".");
    data.put("price", Map.of("amount", new BigDecimal(p.amount()), "currency", "EUR"));
    data.put("category", p.category());
    data.put("attributes", Map.of("colour", "black"));
    data.put("active", p.active());
    data.put("occurredAt", p.occurredAt().atOffset(ZoneOffset.UTC).toString());
    return data;
  }

  /** One line of an order: a product and its quantity, at 10.00 EUR a unit. */
  public record Line(UUID productId, int quantity) {}

  public static Line line(UUID productId, int quantity) {
    return new Line(productId, quantity);
  }

  private static List<Map<String, Object>> items(List<Line> lines) {
    return lines.stream().map(l -> Map.<String, Object>of("productId", l.productId().toString(),
        "quantity", l.quantity(), "unitPrice", money(10))).toList();
  }

  private static Map<String, Object> total(List<Line> lines) {
    return money(lines.stream().mapToInt(Line::quantity).sum() * 10);
  }

  private static Map<String, Object> money(long amount) {
    return Map.of("amount", BigDecimal.valueOf(amount).setScale(2), "currency", "EUR");
  }

  public static Map<String, Object> orderCompletedData(String orderId, String userId, List<Line> lines, Instant at) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("userId", userId);
    data.put("items", items(lines));
    data.put("total", total(lines));
    data.put("trackingNumber", "TRK-" + orderId.substring(0, 8));
    data.put("occurredAt", at.atOffset(ZoneOffset.UTC).toString());
    return data;
  }

  public static Map<String, Object> orderCreatedData(String orderId, String userId, List<Line> lines, Instant at) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("userId", userId);
    data.put("items", lines.stream().map(l -> Map.<String, Object>of("productId", l.productId().toString(),
        "name", "Product " + l.productId().toString().substring(0, 4), "quantity", l.quantity(),
        "unitPrice", money(10))).toList());
    data.put("total", total(lines));
    data.put("paymentMethod", "tok_visa");
    data.put("shippingAddress", Map.of("name", "Ada Lovelace", "line1", "1 Analytical Way", "city", "London",
        "postalCode", "N1 1AA", "country", "GB"));
    data.put("fromCart", false);
    data.put("occurredAt", at.atOffset(ZoneOffset.UTC).toString());
    return data;
  }

  public static Map<String, Object> orderCancelledData(String orderId, String userId, Instant at) {
    return Map.of("orderId", orderId, "userId", userId, "reason", "payment-declined", "previousStatus", "PENDING",
        "occurredAt", at.atOffset(ZoneOffset.UTC).toString());
  }

  /** A CloudEvent of {@code source} with a new event id, keyed and subjected by {@code key}. */
  public static ProducerRecord<String, byte[]> event(CloudEventCodec codec, String topic, String source, String type,
      String key, Object data) {
    return codec.toRecord(topic, UUID.randomUUID().toString(), URI.create(source), type, key,
        Instant.now().atOffset(ZoneOffset.UTC), JSON.writeValueAsBytes(data), Map.of());
  }

  public static ProducerRecord<String, byte[]> productEvent(CloudEventCodec codec, String topic, String type,
      ProductFixture product) {
    return event(codec, topic, "/services/product", type, product.id().toString(), productData(product));
  }

  public static ProducerRecord<String, byte[]> orderEvent(CloudEventCodec codec, String topic, String type,
      String orderId, Map<String, Object> data) {
    return event(codec, topic, "/services/order", type, orderId, data);
  }

  public static String eventId(ProducerRecord<String, byte[]> record) {
    return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
  }
}
