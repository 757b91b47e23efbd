package dev.emporium.recommendation.recommend;

import static dev.emporium.recommendation.RecommendationTestSupport.line;
import static dev.emporium.recommendation.RecommendationTestSupport.orderCancelledData;
import static dev.emporium.recommendation.RecommendationTestSupport.orderCreatedData;
import static dev.emporium.recommendation.RecommendationTestSupport.orderEvent;
import static dev.emporium.recommendation.recommend.Answers.category;
import static dev.emporium.recommendation.recommend.Answers.ids;
import static dev.emporium.recommendation.recommend.Answers.inIdOrder;
import static dev.emporium.recommendation.recommend.Answers.ok;
import static dev.emporium.recommendation.recommend.Answers.reasons;
import static dev.emporium.recommendation.recommend.Answers.scores;
import static dev.emporium.recommendation.recommend.Answers.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.recommendation.EventFeed;
import dev.emporium.recommendation.RecommendationTestSupport;
import dev.emporium.recommendation.RecommendationTestSupport.ProductFixture;
import dev.emporium.recommendation.RecommendationTestSupport.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * "Bought together" and personalised answers, from completed orders sent the way the order service
 * sends them and a catalogue sent the way the product service does. Each test has its own products
 * and category, so the tests of the class share one database without seeing each other's pairs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BoughtTogetherIT {

  static final TestDatabase db = PostgresDatabases.create(BoughtTogetherIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    RecommendationTestSupport.register(registry, db, kafka, topics);
  }

  @LocalServerPort int port;
  @Autowired CloudEventCodec codec;
  @Autowired JdbcClient jdbc;
  HttpTestClient anonymous;
  EventFeed feed;

  @BeforeEach
  void setUp() {
    anonymous = HttpTestClient.forPort(port);
    feed = new EventFeed(kafka, codec, topics, jdbc);
  }

  @AfterEach
  void tearDown() {
    feed.close();
  }

  @Test
  void productsBoughtTogetherAreRankedByTheNumberOfOrdersTheyShare() {
    String category = category();
    ProductFixture kettle = feed.product("Kettle", category);
    ProductFixture mug = feed.product("Mug", category);
    ProductFixture filter = feed.product("Filter", category);
    ProductFixture timer = feed.product("Timer", category);
    ProductFixture scale = feed.product("Scale", category);
    feed.completed("u-1", line(kettle.id(), 1), line(mug.id(), 2), line(filter.id(), 1));
    feed.completed("u-2", line(kettle.id(), 1), line(mug.id(), 1));
    feed.completed("u-3", line(mug.id(), 4), line(kettle.id(), 1), line(timer.id(), 1));
    feed.completed("u-4", line(filter.id(), 1), line(kettle.id(), 1));
    feed.completed("u-5", line(timer.id(), 1), line(kettle.id(), 3));
    feed.completed("u-6", line(scale.id(), 1), line(kettle.id(), 1));
    feed.completed("u-7", line(mug.id(), 1), line(scale.id(), 1));
    feed.awaitProcessed();

    TestResponse response = anonymous.get("/api/recommendations?productId=" + kettle.id() + "&limit=4");
    JsonNode answer = ok(response);

    assertThat(strategy(answer)).isEqualTo("bought-together");
    // Mug in 3 orders with the kettle; filter and timer in 2 each (tie: by id); scale in 1.
    List<String> tied = inIdOrder(filter.id(), timer.id());
    assertThat(ids(answer)).containsExactly(mug.id().toString(), tied.get(0), tied.get(1), scale.id().toString());
    assertThat(scores(answer)).containsExactly(3L, 2L, 2L, 1L);
    assertThat(reasons(answer)).containsOnly("bought-together");
    JsonNode first = answer.get("items").get(0);
    assertThat(first.get("name").asString()).isEqualTo("Mug");
    assertThat(first.get("category").asString()).isEqualTo(category);
    assertThat(first.get("price").get("amount").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(first.get("price").get("currency").asString()).isEqualTo("EUR");
    assertThat(response.header("Cache-Control")).isEqualTo("max-age=300, public");
    // The same data gives the same answer: ties are broken by product id, not by chance.
    assertThat(ids(ok(anonymous.get("/api/recommendations?productId=" + kettle.id() + "&limit=4"))))
        .isEqualTo(ids(answer));
  }

  @Test
  void neverRecommendsTheProductItselfNorInactiveOrUnknownProducts() {
    String category = category();
    ProductFixture lamp = feed.product("Lamp", category);
    ProductFixture bulb = feed.product("Bulb", category);
    ProductFixture shade = feed.product("Shade", category);
    UUID unknown = UUID.randomUUID();
    // Two lines of the lamp in one order are one product: no lamp-with-lamp pair.
    feed.completed("u-1", line(lamp.id(), 1), line(shade.id(), 1), line(lamp.id(), 2), line(unknown, 1));
    feed.completed("u-2", line(lamp.id(), 1), line(shade.id(), 1), line(unknown, 1));
    feed.completed("u-3", line(lamp.id(), 1), line(bulb.id(), 1));
    feed.updated(shade.withVersion(2, "Shade", "10.00", false, Instant.now()));
    feed.awaitProcessed();

    JsonNode answer = ok(anonymous.get("/api/recommendations?productId=" + lamp.id() + "&limit=50"));

    assertThat(ids(answer)).first().isEqualTo(bulb.id().toString());
    assertThat(ids(answer)).doesNotContain(lamp.id().toString(), shade.id().toString(), unknown.toString());
    assertThat(ids(answer)).doesNotHaveDuplicates();
  }

  @Test
  void tooFewPairsAreFilledWithPopularProductsOfTheSameCategoryThenPopularOverall() {
    String category = category();
    ProductFixture desk = feed.product("Desk", category);
    ProductFixture chair = feed.product("Chair", category);
    ProductFixture monitor = feed.product("Monitor", category);
    ProductFixture cable = feed.product("Cable", category);
    ProductFixture elsewhere = feed.product("Novel", category());
    feed.completed("u-1", line(desk.id(), 1), line(chair.id(), 1));
    feed.completed("u-2", line(monitor.id(), 5));
    feed.completed("u-3", line(cable.id(), 2));
    feed.completed("u-4", line(elsewhere.id(), 90));
    feed.awaitProcessed();

    JsonNode answer = ok(anonymous.get("/api/recommendations?productId=" + desk.id() + "&limit=50"));

    assertThat(strategy(answer)).isEqualTo("bought-together");
    assertThat(ids(answer)).startsWith(chair.id().toString(), monitor.id().toString(), cable.id().toString());
    assertThat(reasons(answer)).startsWith("bought-together", "popular-in-category", "popular-in-category");
    assertThat(scores(answer)).startsWith(1L, 5L, 2L);
    assertThat(reasons(answer).subList(3, reasons(answer).size())).isSubsetOf("popular", "new");
    int novel = ids(answer).indexOf(elsewhere.id().toString());
    assertThat(novel).as("the other category's best seller comes after this category's").isGreaterThan(2);
    assertThat(reasons(answer).get(novel)).isEqualTo("popular");
    assertThat(ids(answer)).doesNotContain(desk.id().toString()).doesNotHaveDuplicates();
  }

  @Test
  void personalisedRecommendationsComeFromWhatTheUserBoughtAndLeaveItOut() {
    String category = category();
    String user = "user-" + UUID.randomUUID();
    ProductFixture tent = feed.product("Tent", category);
    ProductFixture stove = feed.product("Stove", category);
    ProductFixture mat = feed.product("Mat", category);
    ProductFixture lantern = feed.product("Lantern", category);
    ProductFixture pegs = feed.product("Pegs", category);
    ProductFixture bag = feed.product("Bag", category);
    feed.completed(user, line(tent.id(), 1), line(stove.id(), 1));
    feed.completed("other-1", line(tent.id(), 1), line(mat.id(), 1));
    feed.completed("other-2", line(tent.id(), 1), line(mat.id(), 1));
    feed.completed("other-3", line(stove.id(), 1), line(pegs.id(), 1));
    feed.completed("other-4", line(tent.id(), 1), line(stove.id(), 1), line(lantern.id(), 1));
    feed.completed("other-5", line(bag.id(), 7));
    feed.awaitProcessed();

    TestResponse response = HttpTestClient.forPort(port).as(user).get("/api/recommendations?limit=4");
    JsonNode answer = ok(response);

    assertThat(strategy(answer)).isEqualTo("personalized");
    // mat: 2 orders with the tent; lantern: 1 with the tent + 1 with the stove; pegs: 1 with the stove.
    List<String> tied = inIdOrder(mat.id(), lantern.id());
    assertThat(ids(answer)).containsExactly(tied.get(0), tied.get(1), pegs.id().toString(), bag.id().toString());
    assertThat(scores(answer)).containsExactly(2L, 2L, 1L, 7L);
    assertThat(reasons(answer)).containsExactly("bought-together", "bought-together", "bought-together",
        "popular-in-category");
    assertThat(response.header("Cache-Control")).isEqualTo("max-age=60, private");
    assertThat(response.header("Vary")).isEqualTo("X-User-Id");

    JsonNode more = ok(HttpTestClient.forPort(port).as(user).get("/api/recommendations?limit=50"));
    assertThat(ids(more)).doesNotContain(tent.id().toString(), stove.id().toString()).doesNotHaveDuplicates();
  }

  @Test
  void anonymousCallersAndUsersWithoutPurchasesGetPopularProducts() {
    String category = category();
    ProductFixture hit = feed.product("Hit", category);
    feed.completed("fan-" + UUID.randomUUID(), line(hit.id(), 100));
    feed.awaitProcessed();

    TestResponse anonymousResponse = anonymous.get("/api/recommendations?limit=50");
    JsonNode forAnyone = ok(anonymousResponse);
    JsonNode forNewcomer = ok(HttpTestClient.forPort(port).as("newcomer-" + UUID.randomUUID())
        .get("/api/recommendations?limit=50"));

    assertThat(strategy(forAnyone)).isEqualTo("popular");
    assertThat(ids(forAnyone)).contains(hit.id().toString());
    assertThat(reasons(forAnyone)).doesNotContain("bought-together", "popular-in-category");
    assertThat(anonymousResponse.header("Cache-Control")).isEqualTo("max-age=300, public");
    assertThat(anonymousResponse.header("Vary")).isEqualTo("X-User-Id");
    assertThat(strategy(forNewcomer)).isEqualTo("popular");
    assertThat(ids(forNewcomer)).isEqualTo(ids(forAnyone));
  }

  @Test
  void olderProductVersionsNeverOverwriteNewerOnes() {
    String category = category();
    ProductFixture partner = feed.product("Partner", category);
    ProductFixture v1 = feed.product("Grinder", "20.00", category, Instant.now().minusSeconds(3600));
    feed.updated(v1.withVersion(3, "Burr Grinder", "25.50", true, Instant.now().minusSeconds(60)));
    feed.updated(v1.withVersion(2, "Stale Grinder", "21.00", false, Instant.now().minusSeconds(120)));
    feed.created(v1);
    feed.completed("u-1", line(partner.id(), 1), line(v1.id(), 1));
    feed.awaitProcessed();

    TestResponse response = anonymous.get("/api/recommendations?productId=" + partner.id() + "&limit=1");
    JsonNode item = ok(response).get("items").get(0);

    assertThat(item.get("productId").asString()).isEqualTo(v1.id().toString());
    assertThat(item.get("name").asString()).isEqualTo("Burr Grinder");
    assertThat(response.body()).as("the price as the product service states it")
        .contains("\"price\":{\"amount\":25.50,\"currency\":\"EUR\"}");
    assertThat(jdbc.sql("SELECT version FROM products WHERE product_id = :id").param("id", v1.id())
        .query(Long.class).single()).isEqualTo(3L);
  }

  @Test
  void anOrderCountsOnceHoweverOftenItIsReported() {
    String category = category();
    ProductFixture saw = feed.product("Saw", category);
    ProductFixture blade = feed.product("Blade", category);
    String order = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> completed = feed.completedRecord(order, "u-1", Instant.now(),
        line(saw.id(), 2), line(blade.id(), 3));
    feed.send(completed);
    feed.send(completed);
    // The order service publishing the same order again under a new event id counts nothing either.
    feed.send(feed.completedRecord(order, "u-1", Instant.now(), line(saw.id(), 2), line(blade.id(), 3)));
    feed.awaitProcessed();

    JsonNode together = ok(anonymous.get("/api/recommendations?productId=" + saw.id() + "&limit=1"));
    JsonNode popular = ok(anonymous.get("/api/recommendations/popular?category=" + category));

    assertThat(scores(together)).containsExactly(1L);
    assertThat(ids(popular)).containsExactly(blade.id().toString(), saw.id().toString());
    assertThat(scores(popular)).containsExactly(3L, 2L);
    assertThat(jdbc.sql("SELECT units FROM purchases WHERE user_id = 'u-1' AND product_id = :p")
        .param("p", blade.id()).query(Long.class).single()).isEqualTo(3L);
  }

  @Test
  void createdOrCancelledOrdersAreNeverCounted() {
    String category = category();
    ProductFixture drill = feed.product("Drill", category);
    ProductFixture bits = feed.product("Bits", category);
    String order = UUID.randomUUID().toString();
    List<RecommendationTestSupport.Line> lines = List.of(line(drill.id(), 1), line(bits.id(), 1));
    int partition = feed.sendIgnored(orderEvent(codec, topics.orders(), "OrderCreated", order,
        orderCreatedData(order, "u-1", lines, Instant.now())));
    feed.sendIgnored(orderEvent(codec, topics.orders(), "OrderCancelled", order,
        orderCancelledData(order, "u-1", Instant.now())));
    // A completed order of other products behind them on their partition: once it is counted, they were read.
    ProductFixture marker = feed.product("Marker", category());
    feed.sendTo(partition, feed.completedRecord(UUID.randomUUID().toString(), "u-2", Instant.now(),
        line(marker.id(), 1)));
    feed.awaitProcessed();

    JsonNode together = ok(anonymous.get("/api/recommendations?productId=" + drill.id() + "&limit=50"));
    JsonNode popular = ok(anonymous.get("/api/recommendations/popular?category=" + category));

    assertThat(strategy(together)).isEqualTo("popular");
    assertThat(reasons(together)).doesNotContain("bought-together", "popular-in-category");
    assertThat(reasons(popular)).containsOnly("new");
    assertThat(scores(popular)).containsOnly(0L);
    assertThat(jdbc.sql("SELECT count(*) FROM completed_orders WHERE order_id = :o").param("o", order)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM purchases WHERE user_id = 'u-1' AND product_id IN (:a, :b)")
        .param("a", drill.id()).param("b", bits.id()).query(Long.class).single()).isZero();
  }
}
