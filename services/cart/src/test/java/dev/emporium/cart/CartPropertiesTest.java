package dev.emporium.cart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CartPropertiesTest {

  static final CartProperties.Catalog CATALOG = new CartProperties.Catalog("product", Duration.ofSeconds(2));
  static final CartProperties.Redis REDIS =
      new CartProperties.Redis(URI.create("redis://127.0.0.1:6379"), "cart:", Duration.ofSeconds(2));
  static final CartProperties.Sweep SWEEP = new CartProperties.Sweep(Duration.ofMinutes(10), 1000);

  static CartProperties properties(Duration ttl, int maxLines, int maxQuantity, String pattern) {
    return new CartProperties(CartProperties.Store.POSTGRES, ttl, maxLines, maxQuantity, pattern, 10, CATALOG, REDIS,
        SWEEP);
  }

  @Test
  void badLimitsFailAtStartUpNamingTheProperty() {
    assertThatThrownBy(() -> properties(Duration.ZERO, 100, 99, ".+")).hasMessageContaining("emporium.cart.ttl");
    assertThatThrownBy(() -> properties(Duration.ofDays(7), 0, 99, ".+")).hasMessageContaining("max-lines");
    assertThatThrownBy(() -> properties(Duration.ofDays(7), 100, 0, ".+")).hasMessageContaining("max-quantity");
    assertThatThrownBy(() -> properties(Duration.ofDays(7), 100, 99, "([")).hasMessageContaining("product-id-pattern");
    assertThatThrownBy(() -> new CartProperties.Redis(URI.create("http://x"), "c:", Duration.ofSeconds(1)))
        .hasMessageContaining("redis.uri");
    assertThatThrownBy(() -> new CartProperties.Catalog("product", Duration.ZERO)).hasMessageContaining("deadline");
  }
}
