package dev.emporium.notification;

import dev.emporium.notification.queue.JobQueues;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.TestResponse;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the notification service's integration tests share: their own topics, consumer group and
 * queues (deleted when the context closes), the real simulator as mail server and providers, a
 * user service, fast retries, and the saga events other services would send.
 */
public final class NotificationTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NotificationTestSupport() {}

  public record Topics(String orders, String payments, String shipping) {

    public static Topics create(InProcessKafka kafka) {
      return new Topics(kafka.newTopic("order-events"), kafka.newTopic("payment-events"),
          kafka.newTopic("shipping-events"));
    }
  }

  public static void register(DynamicPropertyRegistry registry, InProcessKafka kafka, Topics topics,
      MessagingSimulator simulator, FakeUserService users) {
    kafka.registerBootstrapServers(registry);
    registry.add("emporium.notification.order-topic", topics::orders);
    registry.add("emporium.notification.payment-topic", topics::payments);
    registry.add("emporium.notification.shipping-topic", topics::shipping);
    registry.add("emporium.notification.consumer-group", () -> InProcessKafka.uniqueName("notification-it"));
    String suffix = InProcessKafka.uniqueName("it");
    registry.add("emporium.notification.queues.email", () -> "email-queue-" + suffix);
    registry.add("emporium.notification.queues.sms", () -> "sms-queue-" + suffix);
    registry.add("emporium.notification.queues.push", () -> "push-queue-" + suffix);
    registry.add("spring.mail.port", simulator::smtpPort);
    registry.add("emporium.notification.providers.sms-url", simulator::url);
    registry.add("emporium.notification.providers.push-url", simulator::url);
    registry.add("emporium.notification.users.base-url", users::url);
    // Fast retries, so that what a test waits for happens within seconds: 4 attempts, 300/600/1200 ms apart.
    registry.add("emporium.notification.retry.max-attempts", () -> "4");
    registry.add("emporium.notification.retry.initial-delay", () -> "300ms");
    registry.add("emporium.notification.retry.max-delay", () -> "1200ms");
    registry.add("emporium.events.consumer.retries", () -> "3");
    registry.add("emporium.events.consumer.retry-initial-delay", () -> "50ms");
    registry.add("emporium.events.consumer.retry-max-delay", () -> "200ms");
  }

  /** Deletes the test's queues when its context closes (after the consumers stopped). */
  @TestConfiguration(proxyBeanMethods = false)
  public static class QueueCleanup {

    @Bean
    DisposableBean deleteTestQueues(AmqpAdmin admin, JobQueues queues) {
      return () -> queues.all().forEach(admin::deleteQueue);
    }
  }

  public static String newUser() {
    return "u-" + UUID.randomUUID();
  }

  public static Map<String, Object> money(String amount, String currency) {
    return Map.of("amount", Double.parseDouble(amount), "currency", currency);
  }

  public static ProducerRecord<String, byte[]> orderCreated(CloudEventCodec codec, String topic, String orderId,
      String userId) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", orderId);
    data.put("userId", userId);
    data.put("items", List.of(
        Map.of("productId", UUID.randomUUID().toString(), "name", "Pour-over Kettle", "quantity", 2,
            "unitPrice", money("35.00", "EUR")),
        Map.of("productId", UUID.randomUUID().toString(), "name", "Mug <Blue>", "quantity", 1,
            "unitPrice", money("8.5", "EUR"))));
    data.put("total", money("78.5", "EUR"));
    data.put("paymentMethod", "tok_visa");
    data.put("shippingAddress", Map.of("name", "Ada", "line1", "1 Main St", "city", "Berlin", "postalCode", "10115",
        "country", "DE"));
    data.put("fromCart", true);
    data.put("occurredAt", "2026-12-01T10:00:00Z");
    return event(codec, topic, "/services/order", "OrderCreated", orderId, data);
  }

  public static ProducerRecord<String, byte[]> paymentProcessed(CloudEventCodec codec, String topic, String orderId,
      String userId) {
    return event(codec, topic, "/services/payment", "PaymentProcessed", orderId, Map.of("orderId", orderId,
        "userId", userId, "paymentId", "pay-1", "items", List.of(), "amount", 78.5, "currency", "EUR",
        "occurredAt", "2026-12-01T10:00:01Z"));
  }

  public static ProducerRecord<String, byte[]> shipmentCreated(CloudEventCodec codec, String topic, String orderId,
      String userId, String trackingNumber) {
    return event(codec, topic, "/services/shipping", "ShipmentCreated", orderId, Map.of("orderId", orderId,
        "userId", userId, "shipmentId", UUID.randomUUID().toString(), "trackingNumber", trackingNumber,
        "carrier", "DHL", "occurredAt", "2026-12-01T10:00:02Z"));
  }

  public static ProducerRecord<String, byte[]> orderCancelled(CloudEventCodec codec, String topic, String orderId,
      String userId, String reason, String previousStatus) {
    return event(codec, topic, "/services/order", "OrderCancelled", orderId, Map.of("orderId", orderId,
        "userId", userId, "reason", reason, "previousStatus", previousStatus, "occurredAt", "2026-12-01T10:00:03Z"));
  }

  public static ProducerRecord<String, byte[]> event(CloudEventCodec codec, String topic, String source, String type,
      String key, Object data) {
    return codec.toRecord(topic, UUID.randomUUID().toString(), URI.create(source), type, key, OffsetDateTime.now(),
        JSON.writeValueAsBytes(data), Map.of());
  }

  /** What the simulator delivered: {@code kind} is mail, sms or push; {@code query} e.g. {@code to=...}. */
  public static List<JsonNode> delivered(HttpTestClient simulator, String kind, String query) {
    TestResponse response = simulator.get("/v1/" + kind + "?limit=1000&" + query);
    return response.json().get("items").valueStream().toList();
  }

  public static String phoneQuery(String phone) {
    return "to=" + phone.replace("+", "%2B");
  }
}
