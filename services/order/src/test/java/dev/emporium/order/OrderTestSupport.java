package dev.emporium.order;

import dev.emporium.order.cart.FakeCartService;
import dev.emporium.order.catalog.FakeProductCatalog;
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
 * What the order service's integration tests share: wiring to their own database, topics, consumer
 * group, fake catalogue and cart; order bodies; and the events the other saga services would send.
 */
public final class OrderTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OrderTestSupport() {}

  /** The topics of one test class: what the service publishes and the three it consumes. */
  public record Topics(String orders, String payments, String inventory, String shipping) {

    public static Topics create(InProcessKafka kafka) {
      return new Topics(kafka.newTopic("order-events"), kafka.newTopic("payment-events"),
          kafka.newTopic("inventory-events"), kafka.newTopic("shipping-events"));
    }
  }

  public static void register(DynamicPropertyRegistry registry, TestDatabase db, InProcessKafka kafka, Topics topics,
      FakeProductCatalog catalog, FakeCartService cart) {
    db.registerDataSource(registry);
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.order.topic", topics::orders);
    registry.add("emporium.order.payment-topic", topics::payments);
    registry.add("emporium.order.inventory-topic", topics::inventory);
    registry.add("emporium.order.shipping-topic", topics::shipping);
    registry.add("emporium.order.consumer-group", () -> InProcessKafka.uniqueName("order-it"));
    registry.add("spring.grpc.client.channel.product.target", catalog::target);
    // Generous: a cold first call on a loaded machine must not miss it (OrderApiIT sets its own to test it).
    registry.add("emporium.order.catalog.deadline", () -> "5s");
    registry.add("emporium.order.cart-url", cart::url);
    // Fast retries and relay polling, so that what a test waits for happens within seconds.
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
    registry.add("emporium.events.outbox.poll-interval", () -> "50ms");
  }

  public static Map<String, Object> item(String productId, int quantity) {
    return Map.of("productId", productId, "quantity", quantity);
  }

  public static Map<String, Object> address() {
    return Map.of("name", "Ada Lovelace", "line1", "12 Analytical Row", "city", "London", "postalCode", "N1 9GU",
        "country", "GB");
  }

  /** An order body with these items, a valid address and payment method. */
  public static Map<String, Object> order(List<Map<String, Object>> items) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("shippingAddress", address());
    body.put("paymentMethod", "tok_visa");
    return body;
  }

  public static Map<String, Object> fromCart() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fromCart", true);
    body.put("shippingAddress", address());
    body.put("paymentMethod", "tok_visa");
    return body;
  }

  /** A CloudEvent of another saga participant, with a new event id. */
  public static ProducerRecord<String, byte[]> event(CloudEventCodec codec, String topic, String service, String type,
      String orderId, Map<String, Object> data) {
    Map<String, Object> full = new LinkedHashMap<>(data);
    full.putIfAbsent("orderId", orderId);
    full.putIfAbsent("occurredAt", Instant.now().toString());
    return codec.toRecord(topic, UUID.randomUUID().toString(), URI.create("/services/" + service), type, orderId,
        OffsetDateTime.now(), JSON.writeValueAsBytes(full), Map.of());
  }

  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
