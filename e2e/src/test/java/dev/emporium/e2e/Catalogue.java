package dev.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.math.BigDecimal;
import java.util.Map;

/** What an administrator does through the gateway to prepare a test: products and their stock. */
final class Catalogue {

  private final HttpTestClient admin;

  Catalogue(HttpTestClient admin) {
    this.admin = admin;
  }

  /** An administrator: a registered account promoted to the admin role, signed in again for a token that says so. */
  static Catalogue asAdmin(RunningPlatform running) {
    Shopper admin = Shopper.register(running.gatewayPort(), "Admin");
    running.platform.execute("user", "UPDATE users SET roles = ARRAY['customer', 'admin'] WHERE id = ?::uuid",
        admin.userId);
    admin.logIn();
    return new Catalogue(admin.api());
  }

  /** Creates a product priced {@code price} EUR with {@code units} in stock; returns its id. */
  String product(String name, String category, String price, int units) {
    TestResponse created = admin.post("/api/products", Map.of("name", name, "description", name + " for a test",
        "price", Map.of("amount", new BigDecimal(price), "currency", "EUR"), "category", category,
        "attributes", Map.of()));
    assertThat(created.status()).as("product: %s", created).isEqualTo(201);
    String id = created.json().get("id").asString();
    if (units > 0) {
      TestResponse stocked = admin.post("/api/inventory/restock",
          Map.of("productId", id, "warehouse", "berlin", "quantity", units));
      assertThat(stocked.status()).as("restock: %s", stocked).isBetween(200, 204);
    }
    return id;
  }

  HttpTestClient client() {
    return admin;
  }
}
