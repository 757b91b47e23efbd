package dev.emporium.recommendation.events;

import static dev.emporium.recommendation.RecommendationTestSupport.JSON;
import static dev.emporium.recommendation.RecommendationTestSupport.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.recommendation.RecommendationTestSupport;
import dev.emporium.recommendation.RecommendationTestSupport.ProductFixture;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The events this service reads, as its tests send them, against their producers' contracts: the
 * product service's own schema files (read from its module), and the copy of OrderCompleted's
 * schema kept in src/test/resources/events, itself checked against docs/events.md. What the service
 * reads of each must come out of valid events unchanged.
 */
class ConsumedEventsContractTest {

  private static final Path PRODUCT_SCHEMAS = Path.of("..", "product", "src", "main", "resources");
  private static final Path EVENTS_DOC = Path.of("..", "..", "docs", "events.md");

  private final ProductFixture product = new ProductFixture(UUID.randomUUID(), 3, "Pour-over Kettle", "35.00",
      "home-office", false, Instant.parse("2026-11-24T10:52:02.757Z"));

  @Test
  void productEventsTheTestsSendMatchTheProductServicesSchemas() throws IOException {
    assertThat(PRODUCT_SCHEMAS.resolve("events/ProductUpdated.schema.json")).exists();
    try (URLClassLoader producer = new URLClassLoader(new URL[] {PRODUCT_SCHEMAS.toUri().toURL()}, null)) {
      EventSchemas schemas = new EventSchemas(producer);
      String json = JSON.writeValueAsString(RecommendationTestSupport.productData(product));

      assertThat(schemas.violations("ProductCreated", json)).as(json).isEmpty();
      assertThat(schemas.violations("ProductUpdated", json)).as(json).isEmpty();
      assertThat(schemas.violations("ProductUpdated", json.replace("\"home-office\"", "\"Home Office\"")))
          .as("the schema is strict enough to catch a broken fixture").isNotEmpty();
    }
  }

  @Test
  void whatTheServiceReadsOfAProductEventIsWhatItCarries() {
    ProductChanged read = JSON.readValue(JSON.writeValueAsBytes(RecommendationTestSupport.productData(product)),
        ProductChanged.class);

    assertThat(read.productId()).isEqualTo(product.id().toString());
    assertThat(read.version()).isEqualTo(3L);
    assertThat(read.name()).isEqualTo("Pour-over Kettle");
    assertThat(read.price().amount()).isEqualByComparingTo("35.00");
    assertThat(read.price().currency()).isEqualTo("EUR");
    assertThat(read.category()).isEqualTo("home-office");
    assertThat(read.active()).isFalse();
    assertThat(read.occurredAt()).isEqualTo(product.occurredAt());
  }

  @Test
  void orderCompletedTheTestsSendMatchesTheOrderSagaContract() {
    EventSchemas schemas = new EventSchemas(getClass().getClassLoader());
    UUID kettle = UUID.randomUUID();
    String order = UUID.randomUUID().toString();
    Instant at = Instant.parse("2026-11-24T10:52:02Z");
    String json = JSON.writeValueAsString(RecommendationTestSupport.orderCompletedData(order, "u-1",
        List.of(line(kettle, 2), line(UUID.randomUUID(), 1)), at));

    assertThat(schemas.violations("OrderCompleted", json)).as(json).isEmpty();
    assertThat(schemas.violations("OrderCompleted", json.replace("\"quantity\":2", "\"quantity\":0")))
        .as("the schema is strict enough to catch a broken fixture").isNotEmpty();

    OrderCompleted read = JSON.readValue(json, OrderCompleted.class);
    assertThat(read.orderId()).isEqualTo(order);
    assertThat(read.userId()).isEqualTo("u-1");
    assertThat(read.items()).extracting(OrderCompleted.Item::productId).startsWith(kettle.toString());
    assertThat(read.items()).extracting(OrderCompleted.Item::quantity).containsExactly(2L, 1L);
    assertThat(read.occurredAt()).isEqualTo(at);
  }

  @Test
  void theOrderCompletedSchemaCopyHasTheFieldsDocsEventsMdNames() throws IOException {
    String row = Files.readAllLines(EVENTS_DOC).stream()
        .filter(l -> l.startsWith("| `order-events` | `OrderCompleted` |")).findFirst().orElseThrow();
    JsonNode schema = JSON.readTree(getClass().getResourceAsStream("/events/OrderCompleted.schema.json"));

    List<String> required = schema.get("required").valueStream().map(JsonNode::asString).toList();
    List<String> itemFields = schema.get("properties").get("items").get("items").get("required").valueStream()
        .map(JsonNode::asString).toList();
    assertThat(required).containsExactlyInAnyOrder("orderId", "userId", "items", "total", "trackingNumber",
        "occurredAt");
    for (String field : required) {
      assertThat(row).as("docs/events.md names " + field).contains("`" + field + "`");
    }
    for (String field : itemFields) {
      assertThat(row).as("docs/events.md names items." + field).contains("`" + field + "`");
    }
    assertThat(Map.of("items", itemFields)).containsEntry("items", List.of("productId", "quantity", "unitPrice"));
  }
}
