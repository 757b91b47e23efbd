package dev.emporium.recommendation.api;

import static dev.emporium.recommendation.RecommendationTestSupport.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.events.kafka.DeadLetters;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.platform.testing.TopicReader;
import dev.emporium.recommendation.RecommendationTestSupport;
import dev.emporium.recommendation.EventFeed;
import dev.emporium.recommendation.RecommendationTestSupport.ProductFixture;
import dev.emporium.recommendation.RecommendationTestSupport.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** What a client or a misbehaving producer gets wrong, and what the service answers or does then. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"emporium.recommendation.max-limit=20", "emporium.recommendation.max-pair-products=3"})
class RecommendationApiIT {

  static final TestDatabase db = PostgresDatabases.create(RecommendationApiIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    RecommendationTestSupport.register(registry, db, kafka, topics);
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired JdbcClient jdbc;

  @ParameterizedTest
  @ValueSource(strings = {"0", "21", "-1", "ten", "1.5", ""})
  void aLimitOutsideOneToTheMaximumIsAValidationProblemNamingIt(String limit) {
    for (String path : List.of("/api/recommendations?limit=", "/api/recommendations/popular?limit=",
        "/api/recommendations?productId=" + UUID.randomUUID() + "&limit=")) {
      JsonNode error = problem(HttpTestClient.forPort(port).get(path + limit)).get("errors").get(0);

      assertThat(error.get("field").asString()).isEqualTo("limit");
      assertThat(error.get("constraint").asString()).isEqualTo("Range");
      assertThat(error.get("limits").get("min").asInt()).isEqualTo(1);
      assertThat(error.get("limits").get("max").asInt()).isEqualTo(20);
    }
  }

  @Test
  void aProductIdThatIsNotAUuidIsAValidationProblemNamingIt() {
    TestResponse response = HttpTestClient.forPort(port).get("/api/recommendations?productId=42%3Cscript%3E");
    JsonNode problem = problem(response);

    assertThat(problem.get("detail").asString()).isEqualTo("1 field is invalid: productId");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("productId");
    assertThat(problem.get("errors").get(0).get("constraint").asString()).isEqualTo("UUID");
    assertThat(response.body()).doesNotContain("script");
  }

  @Test
  void everyInvalidParameterIsNamedAtOnce() {
    JsonNode problem = problem(HttpTestClient.forPort(port).as("u-1").get("/api/recommendations?productId=x&limit=99"));

    assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("productId", "limit");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/recommendations");
    assertThat(problem.get("traceId").asString()).isNotBlank();
  }

  @Test
  void aCategoryThatIsNotASlugIsAValidationProblemNamingIt() {
    for (String category : List.of("Home%20Office", "a".repeat(65), "%C3%A9t%C3%A9")) {
      JsonNode error = problem(HttpTestClient.forPort(port).get("/api/recommendations/popular?category=" + category))
          .get("errors").get(0);

      assertThat(error.get("field").asString()).isEqualTo("category");
      assertThat(error.get("limits").get("max").asInt()).isEqualTo(64);
    }
  }

  @Test
  void theDefaultLimitAndValidOnesAreAnswered() {
    assertThat(HttpTestClient.forPort(port).get("/api/recommendations").status()).isEqualTo(200);
    assertThat(HttpTestClient.forPort(port).get("/api/recommendations?limit=20").status()).isEqualTo(200);
    assertThat(HttpTestClient.forPort(port).get("/api/recommendations/popular?category=kitchen&limit=1").status())
        .isEqualTo(200);
  }

  @Test
  void anOrderThatCannotBeCountedGoesToTheDeadLetterTopicAndCountsNothing() throws Exception {
    String order = UUID.randomUUID().toString();
    Map<String, Object> data = Map.of("orderId", order, "userId", "u-1",
        "items", List.of(Map.of("productId", "not-a-uuid", "quantity", 1)), "occurredAt", "2026-11-24T10:52:02Z");
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.orders()));
        KafkaProducer<String, byte[]> producer = kafka.producer()) {
      producer.send(RecommendationTestSupport.event(codec, topics.orders(), "/services/order", "OrderCompleted",
          order, data)).get();

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> order.equals(r.key())), "the order in the DLT");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM completed_orders WHERE order_id = :o").param("o", order)
        .query(Long.class).single()).isZero();
  }

  @Test
  void aProductEventThatCannotBeKeptGoesToTheDeadLetterTopic() throws Exception {
    UUID id = UUID.randomUUID();
    Map<String, Object> data = new java.util.HashMap<>(RecommendationTestSupport.productData(
        new ProductFixture(id, 1, "Kettle", "10.00", "kitchen", true, Instant.now())));
    data.remove("price");
    try (TopicReader dlt = kafka.reader(DeadLetters.topicFor(topics.products()));
        KafkaProducer<String, byte[]> producer = kafka.producer()) {
      producer.send(RecommendationTestSupport.event(codec, topics.products(), "/services/product", "ProductCreated",
          id.toString(), data)).get();

      dlt.awaitUntil(records -> records.stream().anyMatch(r -> id.toString().equals(r.key())), "the product in the DLT");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM products WHERE product_id = :id").param("id", id)
        .query(Long.class).single()).isZero();
  }

  @Test
  void onlyTheFirstProductsOfAHugeOrderCountAsBoughtTogether() {
    try (EventFeed feed = new EventFeed(kafka, codec, topics, jdbc)) {
      List<ProductFixture> products = java.util.stream.IntStream.range(0, 5)
          .mapToObj(i -> feed.product("Item " + i, "huge-order")).toList();
      feed.completed("u-1", products.stream().map(p -> line(p.id(), 1)).toArray(RecommendationTestSupport.Line[]::new));
      feed.awaitProcessed();

      JsonNode first = HttpTestClient.forPort(port)
          .get("/api/recommendations?productId=" + products.get(0).id() + "&limit=20").json();
      JsonNode last = HttpTestClient.forPort(port)
          .get("/api/recommendations?productId=" + products.get(4).id() + "&limit=20").json();

      // max-pair-products=3: the first three products pair up; the last two were bought but pair with none.
      assertThat(first.get("strategy").asString()).isEqualTo("bought-together");
      assertThat(first.get("items").valueStream().filter(i -> "bought-together".equals(i.get("reason").asString()))
          .map(i -> i.get("productId").asString()))
          .containsExactlyInAnyOrder(products.get(1).id().toString(), products.get(2).id().toString());
      assertThat(last.get("strategy").asString()).isEqualTo("popular");
      assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE user_id = 'u-1'").query(Long.class).single())
          .as("every product still counts as bought").isEqualTo(5L);
    }
  }

  private static JsonNode problem(TestResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:emporium:problem:validation");
    return problem;
  }
}
