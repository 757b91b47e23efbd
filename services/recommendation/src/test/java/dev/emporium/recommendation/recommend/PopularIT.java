package dev.emporium.recommendation.recommend;

import static dev.emporium.recommendation.RecommendationTestSupport.line;
import static dev.emporium.recommendation.recommend.Answers.category;
import static dev.emporium.recommendation.recommend.Answers.ids;
import static dev.emporium.recommendation.recommend.Answers.ok;
import static dev.emporium.recommendation.recommend.Answers.reasons;
import static dev.emporium.recommendation.recommend.Answers.scores;
import static dev.emporium.recommendation.recommend.Answers.strategy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.emporium.platform.events.envelope.CloudEventCodec;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.recommendation.EventFeed;
import dev.emporium.recommendation.MovableClock;
import dev.emporium.recommendation.RecommendationTestSupport;
import dev.emporium.recommendation.RecommendationTestSupport.ProductFixture;
import dev.emporium.recommendation.RecommendationTestSupport.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Popular products: units sold in completed orders of the popular window (7 days here), and the
 * newest active products where there are too few sales. Each test has a category of its own and
 * reads it through {@code /api/recommendations/popular?category=}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"emporium.recommendation.popular-window=7d",
        "emporium.recommendation.popular-refresh-interval=100ms"})
class PopularIT {

  static final TestDatabase db = PostgresDatabases.create(PopularIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Topics topics = Topics.create(kafka);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    RecommendationTestSupport.register(registry, db, kafka, topics);
  }

  @TestConfiguration
  static class Clocks {

    @Bean
    @Primary
    MovableClock movableClock() {
      return new MovableClock();
    }
  }

  @LocalServerPort int port;
  @Autowired MovableClock clock;
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
    clock.reset();
  }

  @Test
  void onlySalesWithinThePopularWindowCount() {
    String category = category();
    Instant now = Instant.now();
    ProductFixture oldFavourite = feed.product("Old favourite", "5.00", category, now.minus(Duration.ofDays(90)));
    ProductFixture steady = feed.product("Steady", "5.00", category, now.minus(Duration.ofDays(80)));
    ProductFixture fresh = feed.product("Fresh", "5.00", category, now.minus(Duration.ofDays(70)));
    ProductFixture unsold = feed.product("Unsold", "5.00", category, now.minus(Duration.ofDays(1)));
    feed.completedAt(now.minus(Duration.ofDays(30)), "u-1", line(oldFavourite.id(), 50));
    feed.completedAt(now.minus(Duration.ofDays(8)), "u-2", line(oldFavourite.id(), 20), line(steady.id(), 1));
    feed.completedAt(now.minus(Duration.ofDays(5)), "u-3", line(steady.id(), 3));
    feed.completedAt(now.minus(Duration.ofDays(2)), "u-4", line(steady.id(), 1), line(fresh.id(), 2));
    feed.completedAt(now, "u-5", line(fresh.id(), 1));
    feed.awaitProcessed();

    TestResponse response = anonymous.get("/api/recommendations/popular?category=" + category);
    JsonNode answer = ok(response);

    assertThat(strategy(answer)).isEqualTo("popular");
    // Within 7 days: steady 3 + 1, fresh 2 + 1; the old favourite's 70 units are older. Then the newest.
    assertThat(ids(answer)).containsExactly(steady.id().toString(), fresh.id().toString(),
        unsold.id().toString(), oldFavourite.id().toString());
    assertThat(scores(answer)).containsExactly(4L, 3L, 0L, 0L);
    assertThat(reasons(answer)).containsExactly("popular", "popular", "new", "new");
    assertThat(response.header("Cache-Control")).isEqualTo("max-age=300, public");
  }

  @Test
  void salesDropOutOfPopularAsTheirDaysLeaveTheWindow() {
    String category = category();
    Instant now = Instant.now();
    ProductFixture lastWeek = feed.product("Last week", "5.00", category, now.minus(Duration.ofDays(50)));
    ProductFixture today = feed.product("Today", "5.00", category, now.minus(Duration.ofDays(40)));
    feed.completedAt(now.minus(Duration.ofDays(6)), "u-1", line(lastWeek.id(), 9));
    feed.completedAt(now, "u-2", line(today.id(), 1));
    feed.awaitProcessed();
    String path = "/api/recommendations/popular?category=" + category;
    assertThat(ids(ok(anonymous.get(path)))).containsExactly(lastWeek.id().toString(), today.id().toString());

    clock.advance(Duration.ofDays(2));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode answer = ok(anonymous.get(path));
      assertThat(ids(answer)).containsExactly(today.id().toString(), lastWeek.id().toString());
      assertThat(reasons(answer)).containsExactly("popular", "new");
      assertThat(scores(answer)).containsExactly(1L, 0L);
    });
  }

  @Test
  void aCatalogueWithoutSalesRecommendsItsNewestActiveProducts() {
    String category = category();
    Instant now = Instant.now();
    ProductFixture oldest = feed.product("Oldest", "1.00", category, now.minus(Duration.ofDays(30)));
    ProductFixture newest = feed.product("Newest", "1.00", category, now.minus(Duration.ofHours(1)));
    ProductFixture middle = feed.product("Middle", "1.00", category, now.minus(Duration.ofDays(3)));
    ProductFixture withdrawn = feed.product("Withdrawn", "1.00", category, now.minus(Duration.ofMinutes(1)));
    feed.updated(withdrawn.withVersion(2, "Withdrawn", "1.00", false, now));
    feed.awaitProcessed();

    JsonNode answer = ok(anonymous.get("/api/recommendations/popular?category=" + category + "&limit=3"));

    assertThat(ids(answer)).containsExactly(newest.id().toString(), middle.id().toString(), oldest.id().toString());
    assertThat(reasons(answer)).containsOnly("new");
    assertThat(scores(answer)).containsOnly(0L);
    assertThat(ids(ok(anonymous.get("/api/recommendations/popular?category=" + category + "&limit=1"))))
        .containsExactly(newest.id().toString());
  }

  @Test
  void theNewestProductsAlsoFillTheOverallAnswer() {
    // Created in the future: newer than any other product of this class's database.
    ProductFixture launch = feed.product("Launch", "1.00", category(), Instant.now().plus(Duration.ofDays(365)));
    ProductFixture sold = feed.product("Sold", "1.00", category(), Instant.now().minus(Duration.ofDays(400)));
    feed.completed("u-9", line(sold.id(), 1));
    feed.awaitProcessed();

    JsonNode answer = ok(anonymous.get("/api/recommendations?limit=50"));

    int at = ids(answer).indexOf(launch.id().toString());
    assertThat(at).as("the newest product is recommended").isNotNegative();
    assertThat(reasons(answer).get(at)).isEqualTo("new");
    assertThat(ids(answer).indexOf(sold.id().toString())).as("sold products come before new ones").isLessThan(at);
    assertThat(reasons(answer).subList(0, at)).containsOnly("popular");
  }

  @Test
  void anUnknownProductIsAnsweredWithPopularProductsNotANotFound() {
    ProductFixture seller = feed.product("Seller", "1.00", category(), Instant.now());
    feed.completed("u-1", line(seller.id(), 1000));
    feed.awaitProcessed();

    TestResponse response = anonymous.get("/api/recommendations?productId=" + UUID.randomUUID() + "&limit=1");
    JsonNode answer = ok(response);

    assertThat(strategy(answer)).isEqualTo("popular");
    assertThat(ids(answer)).containsExactly(seller.id().toString());
    assertThat(scores(answer)).containsExactly(1000L);
    assertThat(response.header("Cache-Control")).isEqualTo("max-age=300, public");
  }
}
