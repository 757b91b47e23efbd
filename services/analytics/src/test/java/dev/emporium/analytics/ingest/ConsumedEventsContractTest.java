package dev.emporium.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.analytics.AnalyticsTestSupport.Order;
import dev.emporium.analytics.AnalyticsTestSupport.Wiring;
import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.schema.EventSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events the integration tests send, as the producers would, match the producers' schemas:
 * the inventory's and the shipping service's own files (the copies in src/test/resources/events are
 * checked to be those files), and copies written from docs/events.md for the order and payment
 * services. And the service's readers get what they aggregate out of them.
 */
class ConsumedEventsContractTest {

  static final Map<String, Path> PRODUCER_FILES = Map.of(
      "InventoryReserved", Path.of("..", "inventory", "src", "main", "resources", "events"),
      "ShipmentCreated", Path.of("..", "shipping", "src", "main", "resources", "events"));

  final EventSchemas schemas = new EventSchemas(getClass().getClassLoader());
  final JsonMapper mapper = JsonMapper.builder().build();
  final Order order = Order.create(new CloudEventCodec(mapper), new Wiring("o", "p", "i", "s", "g"));
  final Instant at = Instant.parse("2026-03-10T10:05:00Z");

  @Test
  void theEventsTheTestsSendMatchTheSchemas() {
    Map<String, Map<String, Object>> sent = Map.of(
        "OrderCreated", order.createdData(at, "60.00", "EUR"),
        "PaymentProcessed", order.paidData(at, "60.00", "EUR"),
        "PaymentRefunded", order.refundedData(at, "60.00", "EUR"),
        "InventoryReserved", order.reservedData(at),
        "ShipmentCreated", order.shippedData(at),
        "OrderCompleted", order.completedData(at),
        "OrderCancelled", order.cancelledData(at, "timeout"));
    sent.forEach((type, data) ->
        assertThat(schemas.violations(type, mapper.writeValueAsString(data))).as(type).isEmpty());
  }

  @Test
  void theCopiesOfTheInventoryAndShippingSchemasAreTheProducersFiles() throws IOException {
    for (var entry : PRODUCER_FILES.entrySet()) {
      Path producer = entry.getValue().resolve(entry.getKey() + ".schema.json");
      assertThat(producer).as("the producer's schema, in the same repository").exists();
      assertThat(resource("events/" + entry.getKey() + ".schema.json")).isEqualTo(Files.readString(producer));
    }
  }

  @Test
  void theReadersGetWhatTheyAggregate() {
    SagaEvents.Payment payment = mapper.readValue(mapper.writeValueAsString(order.paidData(at, "60.50", "EUR")),
        SagaEvents.Payment.class);
    assertThat(payment.amount()).isEqualByComparingTo("60.50");
    assertThat(payment.currency()).isEqualTo("EUR");
    assertThat(payment.paymentId()).isEqualTo(order.paymentId());
    assertThat(payment.occurredAt()).isEqualTo(at);

    SagaEvents.OrderCancelled cancelled = mapper.readValue(
        mapper.writeValueAsString(order.cancelledData(at, "insufficient-stock")), SagaEvents.OrderCancelled.class);
    assertThat(cancelled.reason()).isEqualTo("insufficient-stock");
    SagaEvents.OrderStep step = mapper.readValue(mapper.writeValueAsString(order.shippedData(at)),
        SagaEvents.OrderStep.class);
    assertThat(step.orderId()).isEqualTo(order.orderId());
  }

  private String resource(String path) {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
