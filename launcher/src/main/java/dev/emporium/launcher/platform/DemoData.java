package dev.emporium.launcher.platform;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo data a first start seeds, through the services' own APIs (as an administrator would):
 * a catalogue of products in several categories, stock for each in two warehouses, a demo shopper
 * and an administrator. Deterministic, so every fresh platform looks the same.
 */
public final class DemoData {

  /** The accounts the seed creates; their passwords are generated per data directory. */
  public record Account(String email, String password, String name) {}

  static final Map<String, List<String>> CATALOGUE = new LinkedHashMap<>();

  static {
    CATALOGUE.put("kitchen", List.of("Kettle", "Teapot", "Chef's Knife", "Cutting Board", "Coffee Grinder",
        "French Press", "Saucepan", "Skillet", "Mixing Bowl", "Spice Rack"));
    CATALOGUE.put("audio", List.of("Headphones", "Earbuds", "Bookshelf Speaker", "Soundbar", "Turntable",
        "Portable Speaker", "Microphone", "DAC", "Amplifier", "Radio"));
    CATALOGUE.put("home-office", List.of("Desk Lamp", "Notebook", "Fountain Pen", "Monitor Stand", "Desk Mat",
        "Office Chair", "Keyboard", "Mouse", "Webcam", "Document Tray"));
    CATALOGUE.put("outdoor", List.of("Backpack", "Tent", "Sleeping Bag", "Headlamp", "Water Bottle",
        "Hiking Poles", "Camping Stove", "Rain Jacket", "Hammock", "Compass"));
    CATALOGUE.put("books", List.of("Cookbook", "Field Guide", "Atlas", "Novel", "Poetry Collection",
        "Design Handbook", "History of Maps", "Garden Almanac", "Travel Journal", "Sketchbook"));
  }

  static final List<String> FINISHES = List.of("Classic", "Compact", "Deluxe", "Everyday");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String adminId = UUID.randomUUID().toString();

  /** The catalogue: every category × product kind × finish (5 × 10 × 4 = 200 products). */
  static List<Map<String, Object>> products() {
    List<Map<String, Object>> products = new ArrayList<>();
    int n = 0;
    for (var category : CATALOGUE.entrySet()) {
      for (String kind : category.getValue()) {
        for (String finish : FINISHES) {
          n++;
          BigDecimal price = BigDecimal.valueOf(5 + (n * 37L) % 245).add(new BigDecimal("0.99"))
              .setScale(2, RoundingMode.UNNECESSARY);
          products.add(Map.of(
              "name", finish + " " + kind,
              "description", ("Everyday".equals(finish) ? "An " : "A ") + finish.toLowerCase() + " " + kind.toLowerCase() + " from the Emporium "
                  + category.getKey() + " range.",
              "price", Map.of("amount", price, "currency", "EUR"),
              "category", category.getKey(),
              "attributes", Map.of("finish", finish.toLowerCase())));
        }
      }
    }
    return products;
  }

  /** Creates the catalogue with stock; returns how many products it created. */
  public int seedCatalogue(int productPort, int inventoryPort) {
    int created = 0;
    for (Map<String, Object> product : products()) {
      JsonNode body = post("http://127.0.0.1:" + productPort + "/api/products", product, true);
      String id = body.get("id").asString();
      int units = 20 + (created * 13) % 80;
      post("http://127.0.0.1:" + inventoryPort + "/api/inventory/restock",
          Map.of("productId", id, "warehouse", "berlin", "quantity", units), true);
      post("http://127.0.0.1:" + inventoryPort + "/api/inventory/restock",
          Map.of("productId", id, "warehouse", "paris", "quantity", units / 2 + 5), true);
      created++;
    }
    return created;
  }

  /** Registers {@code account} with the user service. */
  public String register(int userPort, Account account) {
    JsonNode body = post("http://127.0.0.1:" + userPort + "/api/users",
        Map.of("email", account.email(), "password", account.password(), "name", account.name()), false);
    return body.get("id").asString();
  }

  private JsonNode post(String url, Object body, boolean asAdmin) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      if (asAdmin) {
        request.header("X-User-Id", adminId).header("X-User-Roles", "admin");
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("seeding: POST " + url + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("seeding: POST " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("seeding interrupted", e);
    }
  }
}
