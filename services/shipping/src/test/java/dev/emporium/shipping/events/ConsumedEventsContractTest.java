package dev.emporium.shipping.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.shipping.ShippingTestSupport;
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
 * The events this service reads, as their producers publish them: fixtures written from
 * docs/events.md validate against the schema copies in src/test/resources/events, the copy of the
 * inventory service's schema is the producer's file, and the service's own readers get what they
 * need out of them. The events the integration tests send are checked against the same schemas, so
 * that those tests play the other services faithfully.
 */
class ConsumedEventsContractTest {

  /** The inventory service's own schemas, in this repository. */
  static final Path INVENTORY_SCHEMAS = Path.of("..", "inventory", "src", "main", "resources", "events");

  final EventSchemas schemas = new EventSchemas(getClass().getClassLoader());
  final JsonMapper mapper = JsonMapper.builder().findAndAddModules().build();

  @Test
  void theFixturesOfEveryConsumedTypeMatchTheirSchemas() throws IOException {
    for (String type : new String[] {"OrderCreated", "OrderCancelled", "InventoryReserved"}) {
      assertThat(schemas.violations(type, fixture(type))).as(type).isEmpty();
    }
  }

  @Test
  void theInventorySchemaCopyIsTheInventoryServicesFile() throws IOException {
    Path producer = INVENTORY_SCHEMAS.resolve("InventoryReserved.schema.json");
    assertThat(producer).as("the producer's schema, in the same repository").exists();
    assertThat(resource("events/InventoryReserved.schema.json")).isEqualTo(Files.readString(producer));
  }

  @Test
  void theSchemasRejectWhatTheServiceCouldNotUse() {
    assertThat(schemas.violations("OrderCreated", "{\"orderId\": \"5b2e7c1a-9d4f-4e8b-a1c3-2f6d8e0b4a71\"}"))
        .isNotEmpty();
    assertThat(schemas.violations("InventoryReserved",
        "{\"orderId\": \"o-1\", \"lines\": [], \"occurredAt\": \"2026-11-24T10:52:03Z\"}")).isNotEmpty();
    assertThat(schemas.violations("OrderCancelled", fixture("OrderCancelled").replace("shipment-failed", "whim")))
        .isNotEmpty();
  }

  @Test
  void theServiceReadsWhatItNeedsFromTheFixtures() throws IOException {
    OrderCreated order = mapper.readValue(fixture("OrderCreated"), OrderCreated.class);
    assertThat(order.userId()).isEqualTo("user-42");
    assertThat(order.items()).extracting(OrderCreated.Item::quantity).containsExactly(1, 2);
    assertThat(order.shippingAddress().country()).isEqualTo("DE");
    assertThat(order.shippingAddress().line2()).isEqualTo("3rd floor");
    assertThat(order.shippingAddress().defect()).isEmpty();
    assertThat(order.occurredAt()).isEqualTo(Instant.parse("2026-11-24T10:52:02.757Z"));

    OrderCancelled cancelled = mapper.readValue(fixture("OrderCancelled"), OrderCancelled.class);
    assertThat(cancelled.reason()).isEqualTo("shipment-failed");

    InventoryReserved reserved = mapper.readValue(fixture("InventoryReserved"), InventoryReserved.class);
    assertThat(reserved.lines()).extracting(InventoryReserved.Line::warehouse)
        .containsExactly("berlin", "berlin", "paris");
  }

  @Test
  void theEventsTheIntegrationTestsSendMatchTheSchemas() {
    String order = ShippingTestSupport.newOrderId();
    Map<String, Map<String, Object>> sent = Map.of(
        "OrderCreated", ShippingTestSupport.orderCreatedData(order, "user-1", ShippingTestSupport.address("DE")),
        "OrderCancelled", ShippingTestSupport.orderCancelledData(order, "user-1", "timeout"),
        "InventoryReserved", ShippingTestSupport.inventoryReservedData(order));
    sent.forEach((type, data) ->
        assertThat(schemas.violations(type, mapper.writeValueAsString(data))).as(type).isEmpty());
  }

  private String fixture(String type) {
    return resource("fixtures/" + type + ".json");
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
