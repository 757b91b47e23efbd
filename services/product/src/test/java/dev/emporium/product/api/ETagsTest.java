package dev.emporium.product.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.product.catalog.Money;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.catalog.ProductDetails;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ETagsTest {

  private final Product product = Product.create(
      new ProductDetails("Lamp", "", Money.of("1", "EUR"), "lighting", Map.of(), true), Instant.now());
  private final String etag = ETags.of(product);

  @Test
  void ifNoneMatchMatchesTheTagInAListWeaklyOrAsAWildcard() {
    assertThat(ETags.matches(etag, etag)).isTrue();
    assertThat(ETags.matches("\"other\", " + etag, etag)).isTrue();
    assertThat(ETags.matches("W/" + etag, etag)).isTrue();
    assertThat(ETags.matches("*", etag)).isTrue();
    assertThat(ETags.matches("\"other\"", etag)).isFalse();
    assertThat(ETags.matches(null, etag)).isFalse();
  }

  @Test
  void ifMatchNamesAVersionOfThisProductOnly() {
    assertThat(ETags.version(etag, product)).isEqualTo(1L);
    assertThat(ETags.version("\"something-else-v1\"", product)).isNull();
  }
}
