package dev.emporium.cart.api;

import static dev.emporium.cart.CartTestSupport.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.cart.catalog.FakeProductCatalog;
import dev.emporium.platform.testing.HttpTestClient;
import dev.emporium.platform.testing.TestResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Carts expire through the API on either store; the subclasses run with a TTL of about a second
 * ({@link #TTL}).
 */
abstract class CartExpiryContract {

  static final Duration TTL = Duration.ofMillis(3000);
  static final FakeProductCatalog catalog = FakeProductCatalog.start();

  @LocalServerPort
  int port;

  @Test
  void untouchedCartExpiresAndTheShopperStartsAfresh() throws InterruptedException {
    HttpTestClient shopper = HttpTestClient.forPort(port).as("u-" + UUID.randomUUID(), "customer");
    String lamp = catalog.add("Desk Lamp", "49.90");
    TestResponse added = shopper.post("/api/cart/items", item(lamp, 1));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    Instant expiresAt = Instant.parse(added.json().get("expiresAt").asString());
    Instant updatedAt = Instant.parse(added.json().get("updatedAt").asString());
    assertThat(Duration.between(updatedAt, expiresAt)).isEqualTo(TTL);

    Thread.sleep(TTL.toMillis() * 2 / 3);
    shopper.post("/api/cart/items", item(lamp, 1));
    Thread.sleep(TTL.toMillis() * 2 / 3);
    assertThat(shopper.get("/api/cart").json().get("itemCount").asInt()).as("the second add kept it alive")
        .isEqualTo(2);

    Thread.sleep(TTL.toMillis() / 3 + 500);
    TestResponse expired = shopper.get("/api/cart");
    assertThat(expired.json().get("items").size()).isZero();
    assertThat(expired.json().get("expiresAt").isNull()).isTrue();
    assertThat(shopper.post("/api/cart/items", item(lamp, 1)).status()).isEqualTo(201);
  }

  @Test
  void readyWhileTheStoreWorks() {
    TestResponse ready = HttpTestClient.forPort(port).get("/health/ready");

    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().get("components").get("cartStore").get("status").asString()).isEqualTo("UP");
  }
}
