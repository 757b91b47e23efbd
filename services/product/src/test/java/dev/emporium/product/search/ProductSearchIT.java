package dev.emporium.product.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.InProcessKafka;
import dev.emporium.platform.testing.PostgresDatabases;
import dev.emporium.platform.testing.TestDatabase;
import dev.emporium.platform.testing.TestResponse;
import dev.emporium.product.ProductTestSupport;
import dev.emporium.product.catalog.Money;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.catalog.ProductCatalog;
import dev.emporium.product.catalog.ProductDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Search through the REST API, on a catalogue each test seeds in a category of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductSearchIT {

  static final TestDatabase db = PostgresDatabases.create(ProductSearchIT.class);
  static final InProcessKafka kafka = InProcessKafka.shared();
  static final Caller ADMIN = Caller.of("admin-1", Caller.ADMIN);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ProductTestSupport.register(registry, db, kafka, kafka.newTopic("product-events"));
  }

  @Autowired ProductCatalog catalog;
  @LocalServerPort int port;
  HttpTestClient client;
  String category;

  @BeforeEach
  void setUp() {
    client = HttpTestClient.forPort(port);
    category = "c" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void fullTextSearchMatchesStemmedWordsAndRanksNameMatchesFirst() {
    add("Wireless Headphones", "Closed-back, 30 hours of battery.");
    add("Bluetooth Speaker", "Loud enough for a party; pairs with any headphone jack too.");
    add("Desk Lamp", "Warm light.");

    List<String> names = names(search("q=headphone&category=" + category));

    assertThat(names).containsExactly("Wireless Headphones", "Bluetooth Speaker");
  }

  @Test
  void searchToleratesTypos() {
    add("Wireless Headphones", "Closed-back.");
    add("Mechanical Keyboard", "Tactile switches.");

    assertThat(names(search("q=hedphone&category=" + category))).containsExactly("Wireless Headphones");
    assertThat(names(search("q=" + encode("mechanicl keybord") + "&category=" + category)))
        .containsExactly("Mechanical Keyboard");
    assertThat(names(search("q=" + encode("wireles keybord") + "&category=" + category))).isEmpty();
  }

  @Test
  void categoryFilterKeepsOtherCategoriesOut() {
    String other = category + "-other";
    add("Reading Lamp", "For the bedside.");
    catalog.create(ADMIN, details("Lava Lamp", "Groovy.", other));

    assertThat(names(search("q=lamp&category=" + category))).containsExactly("Reading Lamp");
    assertThat(names(search("q=lamp&category=" + other))).containsExactly("Lava Lamp");
  }

  @Test
  void browsingPagesAreStableWhileTheCatalogueChanges() {
    for (String name : List.of("Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel")) {
      add(name, "");
    }

    JsonNode first = search("category=" + category + "&limit=3");
    List<String> seen = new ArrayList<>(names(first));
    assertThat(seen).containsExactly("Bravo", "Charlie", "Delta");

    add("Alpha", "");     // sorts before the cursor: a client already past it does not see it
    add("Echo Two", "");  // sorts after it: it appears in its place

    String cursor = first.get("nextCursor").asString();
    while (cursor != null) {
      JsonNode page = search("category=" + category + "&limit=3&cursor=" + cursor);
      seen.addAll(names(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    }

    assertThat(seen).containsExactly("Bravo", "Charlie", "Delta", "Echo", "Echo Two", "Foxtrot", "Golf", "Hotel");
  }

  @Test
  void textSearchPagesCoverEveryMatchOnceInRankOrder() {
    for (int i = 0; i < 5; i++) {
      add("Mug " + i, i % 2 == 0 ? "A mug." : "Ceramic.");
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = search("q=mug&category=" + category + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      seen.addAll(names(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void cursorOfAnotherQueryIsABadRequest() {
    add("One", "");
    add("Two", "");
    String cursor = search("category=" + category + "&limit=1").get("nextCursor").asString();

    TestResponse reused = client.get("/api/products?q=one&category=" + category + "&cursor=" + cursor);
    TestResponse garbage = client.get("/api/products?category=" + category + "&cursor=bm9wZQ");

    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().get("detail").asString()).contains("another query");
    assertThat(garbage.status()).isEqualTo(400);
  }

  @Test
  void withdrawnProductsAreNotListedButCanStillBeFetched() {
    Product kept = add("Kept Vase", "");
    Product withdrawn = add("Withdrawn Vase", "");
    catalog.update(ADMIN, withdrawn.id(), new ProductDetails("Withdrawn Vase", "", Money.of("10.00", "EUR"),
        category, Map.of(), false), null);

    assertThat(names(search("q=vase&category=" + category))).containsExactly("Kept Vase");
    TestResponse fetched = client.get("/api/products/" + withdrawn.id());
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().get("active").asBoolean()).isFalse();
    assertThat(kept.active()).isTrue();
  }

  @Test
  void limitBeyondItsRangeIsAValidationProblem() {
    TestResponse response = client.get("/api/products?limit=101");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
  }

  private Product add(String name, String description) {
    return catalog.create(ADMIN, details(name, description, category));
  }

  private static ProductDetails details(String name, String description, String category) {
    return new ProductDetails(name, description, Money.of("10.00", "EUR"), category, Map.of(), true);
  }

  private JsonNode search(String query) {
    TestResponse response = client.get("/api/products?" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static List<String> names(JsonNode page) {
    return page.get("items").valueStream().map(item -> item.get("name").asString()).toList();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
