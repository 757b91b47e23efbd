package dev.emporium.product.events;

import static dev.emporium.product.ProductTestSupport.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.schema.EventSchemas;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import dev.emporium.product.ProductTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The events the catalogue emits, as a consumer on the topic sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductEventsIT {

  static final TestDatabase db = PostgresDatabases.create(ProductEventsIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final String topic = kafka.newTopic("product-events");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ProductTestSupport.register(registry, db, kafka, topic);
  }

  @LocalServerPort int port;
  @Autowired EventSchemas schemas;
  @Autowired JsonMapper mapper;

  @Test
  void createAndUpdateEmitSchemaValidEventsKeyedByProductInOrder() {
    HttpTestClient admin = HttpTestClient.forPort(port).as("admin-1", "admin");
    try (TopicReader reader = kafka.reader(topic)) {
      String id = admin.post("/api/products", product("Pour-over Kettle", "kitchen", "39.00")).json().get("id").asString();
      admin.put("/api/products/" + id, product("Pour-over Kettle", "kitchen", "35.00"));
      admin.put("/api/products/" + id, product("Pour-over Kettle", "kitchen", "35.00")); // no change, no event

      reader.awaitUntil(
          records -> records.stream().filter(r -> id.equals(r.key())).count() >= 2, "two events of " + id);
      List<ConsumerRecord<String, byte[]>> mine = reader.drain(Duration.ofSeconds(1)).stream()
          .filter(r -> id.equals(r.key())).toList();

      assertThat(mine).hasSize(2);
      assertThat(mine).extracting(r -> header(r, "ce_type")).containsExactly("ProductCreated", "ProductUpdated");
      for (ConsumerRecord<String, byte[]> record : mine) {
        String type = header(record, "ce_type");
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(schemas.violations(type, json)).as(type + " " + json).isEmpty();
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_source")).isEqualTo("/services/product");
      }
      JsonNode updated = mapper.readTree(mine.get(1).value());
      assertThat(updated.get("version").asLong()).isEqualTo(2);
      assertThat(updated.get("price").get("amount").decimalValue()).isEqualByComparingTo("35.00");
    }
  }

  @Test
  void eventContinuesTheTraceOfTheRequestThatCausedIt() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    HttpTestClient admin = HttpTestClient.forPort(port).as("admin-1", "admin")
        .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
    try (TopicReader reader = kafka.reader(topic)) {
      TestResponse created = admin.post("/api/products", product("Traced Teapot", "kitchen", "20.00"));
      String id = created.json().get("id").asString();

      ConsumerRecord<String, byte[]> event = reader.awaitUntil(
          records -> records.stream().anyMatch(r -> id.equals(r.key())), "the event of " + id).stream()
          .filter(r -> id.equals(r.key())).findFirst().orElseThrow();

      assertThat(header(event, "traceparent")).startsWith("00-" + traceId + "-");
    }
  }

  @Test
  void failedCreateEmitsNothing() {
    HttpTestClient admin = HttpTestClient.forPort(port).as("admin-1", "admin");
    Map<String, Object> body = product("Broken", "kitchen", "1.00");
    body.put("price", Map.of("amount", "1.5", "currency", "JPY"));
    try (TopicReader reader = kafka.reader(topic)) {
      int before = reader.drain(Duration.ofMillis(500)).size();

      assertThat(admin.post("/api/products", body).status()).isEqualTo(400);

      assertThat(reader.drain(Duration.ofSeconds(1))).hasSize(before);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
