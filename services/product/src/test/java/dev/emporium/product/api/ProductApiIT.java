package dev.emporium.product.api;

import static dev.emporium.product.ProductTestSupport.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.product.ProductTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductApiIT {

  static final TestDatabase db = PostgresDatabases.create(ProductApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ProductTestSupport.register(registry, db, kafka, kafka.newTopic("product-events"));
  }

  @LocalServerPort
  int port;
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
  void adminCreatesAProductAndAnyoneReadsIt() {
    TestResponse created = admin.post("/api/products", product("Desk Lamp", "home-office", "49.90"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    assertThat(created.header("Location")).isEqualTo("/api/products/" + id);

    TestResponse read = anonymous.get("/api/products/" + id);
    assertThat(read.status()).isEqualTo(200);
    JsonNode json = read.json();
    assertThat(json.get("name").asString()).isEqualTo("Desk Lamp");
    assertThat(json.get("price").get("amount").decimalValue()).isEqualByComparingTo("49.90");
    assertThat(json.get("price").get("currency").asString()).isEqualTo("EUR");
    assertThat(json.get("category").asString()).isEqualTo("home-office");
    assertThat(json.get("attributes").get("colour").asString()).isEqualTo("black");
  }

  @Test
  void unknownProductIsANotFoundProblem() {
    TestResponse response = anonymous.get("/api/products/" + UUID.randomUUID());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:not-found");
  }

  @Test
  void productIsCacheableAndRevalidatesWithItsETag() {
    String id = create("Espresso Cup", "kitchen", "7.50");

    TestResponse first = anonymous.get("/api/products/" + id);
    String etag = first.header("ETag");
    assertThat(etag).isNotBlank();
    assertThat(first.header("Cache-Control")).contains("max-age=300").contains("public");

    TestResponse revalidated = anonymous.header("If-None-Match", etag).get("/api/products/" + id);
    assertThat(revalidated.status()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
    assertThat(revalidated.header("ETag")).isEqualTo(etag);
    assertThat(revalidated.header("Cache-Control")).contains("max-age=300");

    admin.put("/api/products/" + id, product("Espresso Cup", "kitchen", "8.00"));
    TestResponse changed = anonymous.header("If-None-Match", etag).get("/api/products/" + id);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
  }

  @Test
  void searchPagesAreCacheableForTwoMinutes() {
    assertThat(anonymous.get("/api/products?limit=5").header("Cache-Control")).contains("max-age=120");
  }

  @Test
  void writesNeedTheAdminRole() {
    Map<String, Object> body = product("Kettle", "kitchen", "30.00");

    TestResponse withoutIdentity = anonymous.post("/api/products", body);
    assertThat(withoutIdentity.status()).isEqualTo(401);
    assertThat(withoutIdentity.json().get("type").asString()).isEqualTo("urn:emporium:problem:unauthenticated");

    TestResponse asShopper = shopper.post("/api/products", body);
    assertThat(asShopper.status()).isEqualTo(403);
    assertThat(asShopper.json().get("type").asString()).isEqualTo("urn:emporium:problem:forbidden");

    String id = create("Toaster", "kitchen", "25.00");
    assertThat(shopper.put("/api/products/" + id, body).status()).isEqualTo(403);
    assertThat(anonymous.put("/api/products/" + id, body).status()).isEqualTo(401);
  }

  @Test
  void validationNamesEachFieldAndItsLimit() {
    Map<String, Object> body = product("x".repeat(201), "Not A Slug!", "12.345");
    body.put("price", Map.of("amount", "-1", "currency", "euro"));
    body.put("attributes", IntStream.range(0, 51).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v")));

    TestResponse response = admin.post("/api/products", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    List<String> fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    assertThat(fields).contains("name", "category", "price.amount", "price.currency", "attributes");
    JsonNode name = response.json().get("errors").valueStream()
        .filter(e -> e.get("field").asString().equals("name")).findFirst().orElseThrow();
    assertThat(name.get("limits").get("max").asInt()).isEqualTo(200);
  }

  @Test
  void catalogueRuleBeyondBeanValidationIsAProblemToo() {
    Map<String, Object> body = product("Tea Bowl", "kitchen", "1200.50");
    body.put("price", Map.of("amount", "1200.50", "currency", "JPY"));

    TestResponse response = admin.post("/api/products", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asString()).contains("JPY amounts have at most 0 decimals");
  }

  @Test
  void conditionalUpdateWithAStaleETagIsRefused() {
    String id = create("Notebook", "stationery", "3.00");
    String etag = anonymous.get("/api/products/" + id).header("ETag");
    assertThat(admin.header("If-Match", etag).put("/api/products/" + id, product("Notebook", "stationery", "3.50"))
        .status()).isEqualTo(200);

    TestResponse stale = admin.header("If-Match", etag).put("/api/products/" + id,
        product("Notebook", "stationery", "9.99"));

    assertThat(stale.status()).isEqualTo(412);
    assertThat(anonymous.get("/api/products/" + id).json().get("price").get("amount").decimalValue())
        .isEqualByComparingTo("3.50");
  }

  @Test
  void updatingAnUnknownProductIsNotFound() {
    assertThat(admin.put("/api/products/" + UUID.randomUUID(), product("Ghost", "misc", "1.00")).status())
        .isEqualTo(404);
  }

  private String create(String name, String category, String amount) {
    TestResponse created = admin.post("/api/products", product(name, category, amount));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }
}
