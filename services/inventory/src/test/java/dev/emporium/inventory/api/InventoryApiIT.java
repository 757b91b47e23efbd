package dev.emporium.inventory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.inventory.InventoryTestSupport;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InventoryApiIT {

  static final TestDatabase db = PostgresDatabases.create(InventoryApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    InventoryTestSupport.register(registry, db, kafka, InventoryTestSupport.Topics.create(kafka));
  }

  @LocalServerPort int port;
  HttpTestClient anonymous;
  HttpTestClient admin;
  HttpTestClient shopper;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
    admin = anonymous.as("admin-1", "admin");
    shopper = anonymous.as("shopper-1", "customer");
  }

  @Test
  void restocksAddUpPerWarehouseAndTheProductShowsEach() {
    UUID product = UUID.randomUUID();

    TestResponse first = admin.post("/api/inventory/restock", restock(product, "berlin", 7));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    admin.post("/api/inventory/restock", restock(product, "berlin", 3));
    admin.post("/api/inventory/restock", restock(product, "paris", 5));

    TestResponse read = admin.get("/api/inventory/" + product);
    assertThat(read.status()).isEqualTo(200);
    JsonNode json = read.json();
    assertThat(json.get("productId").asString()).isEqualTo(product.toString());
    assertThat(json.get("onHand").asLong()).isEqualTo(15);
    assertThat(json.get("reserved").asLong()).isZero();
    assertThat(json.get("available").asLong()).isEqualTo(15);
    assertThat(json.get("warehouses")).hasSize(2);
    JsonNode berlin = json.get("warehouses").get(0);
    assertThat(berlin.get("warehouse").asString()).isEqualTo("berlin");
    assertThat(berlin.get("onHand").asLong()).isEqualTo(10);
    assertThat(berlin.get("available").asLong()).isEqualTo(10);
    assertThat(json.get("warehouses").get(1).get("onHand").asLong()).isEqualTo(5);
  }

  @Test
  void aProductNeverStockedHasNoneAvailable() {
    JsonNode json = admin.get("/api/inventory/" + UUID.randomUUID()).json();

    assertThat(json.get("warehouses")).isEmpty();
    assertThat(json.get("available").asLong()).isZero();
  }

  @Test
  void quantityOutsideOneToAMillionIsAValidationProblemNamingTheField() {
    UUID product = UUID.randomUUID();
    for (int quantity : new int[] {0, -3, 1_000_001}) {
      TestResponse response = admin.post("/api/inventory/restock", restock(product, "main", quantity));

      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
      JsonNode problem = response.json();
      assertThat(problem.get("type").asString()).isEqualTo("urn:emporium:problem:validation");
      assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("quantity");
      assertThat(problem.get("errors").get(0).get("limits").get("max").asLong()).isEqualTo(1_000_000);
    }
    assertThat(admin.post("/api/inventory/restock", restock(product, "main", 1_000_000)).status()).isEqualTo(200);
    assertThat(admin.get("/api/inventory/" + product).json().get("onHand").asLong()).isEqualTo(1_000_000);
  }

  @Test
  void missingProductAndBadWarehouseAreNamed() {
    Map<String, Object> body = new HashMap<>(restock(UUID.randomUUID(), "Main Hall", 1));
    body.remove("productId");

    TestResponse response = admin.post("/api/inventory/restock", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("productId", "warehouse");
  }

  @Test
  void malformedProductIdIsAMalformedBodyProblem() {
    TestResponse response = admin.post("/api/inventory/restock",
        Map.of("productId", "not-a-uuid", "warehouse", "main", "quantity", 1));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:malformed-body");
    assertThat(response.json().get("detail").asString()).contains("productId");
  }

  @Test
  void onlyAdminsRestockOrReadStock() {
    UUID product = UUID.randomUUID();

    TestResponse restock = shopper.post("/api/inventory/restock", restock(product, "main", 5));
    assertThat(restock.status()).isEqualTo(403);
    assertThat(restock.json().get("type").asString()).isEqualTo("urn:emporium:problem:forbidden");
    assertThat(shopper.get("/api/inventory/" + product).status()).isEqualTo(403);
    assertThat(anonymous.post("/api/inventory/restock", restock(product, "main", 5)).status()).isEqualTo(401);
    assertThat(anonymous.get("/api/inventory/" + product).status()).isEqualTo(401);

    assertThat(admin.get("/api/inventory/" + product).json().get("onHand").asLong()).as("nothing was added").isZero();
  }

  @Test
  void servesHealthMetricsAndOpenApi() {
    assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
    assertThat(anonymous.get("/metrics").body()).contains("application=\"inventory\"");
    assertThat(anonymous.get("/openapi").body()).contains("/api/inventory/restock");
  }

  private static Map<String, Object> restock(UUID productId, String warehouse, int quantity) {
    return Map.of("productId", productId.toString(), "warehouse", warehouse, "quantity", quantity);
  }
}
