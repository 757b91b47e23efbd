package dev.emporium.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void priceHasNoMoreDecimalsThanItsCurrency() {
    assertThat(Money.of("9.9", "EUR").amount()).isEqualTo(new BigDecimal("9.90"));
    assertThat(Money.of("1200", "JPY").amount()).isEqualTo(new BigDecimal("1200"));
    assertThatThrownBy(() -> Money.of("9.999", "EUR")).hasMessageContaining("at most 2 decimals");
    assertThatThrownBy(() -> Money.of("1200.5", "JPY")).hasMessageContaining("at most 0 decimals");
  }

  @Test
  void priceIsNeverNegativeNorInAnUnknownCurrency() {
    assertThatThrownBy(() -> Money.of("-0.01", "EUR")).isInstanceOf(InvalidProductException.class);
    assertThatThrownBy(() -> Money.of("1.00", "XYZ")).hasMessageContaining("ISO 4217");
  }

  @Test
  void categoryIsALowerCaseSlugAndNamesAreStripped() {
    ProductDetails details = new ProductDetails("  Lamp ", null, Money.of("1", "EUR"), "Home-Office", null, true);

    assertThat(details.name()).isEqualTo("Lamp");
    assertThat(details.category()).isEqualTo("home-office");
    assertThat(details.description()).isEmpty();
    assertThat(details.attributes()).isEmpty();
    assertThatThrownBy(() -> new ProductDetails("Lamp", "", Money.of("1", "EUR"), "home office", Map.of(), true))
        .hasMessageContaining("slug");
  }

  @Test
  void updateMakesTheNextVersionOnlyWhenSomethingChanged() {
    Product product = Product.create(details("10.00"), T0);

    Product same = product.update(details("10.00"), T0.plusSeconds(60));
    Product changed = product.update(details("12.00"), T0.plusSeconds(60));

    assertThat(same).isSameAs(product);
    assertThat(changed.version()).isEqualTo(2);
    assertThat(changed.id()).isEqualTo(product.id());
    assertThat(changed.createdAt()).isEqualTo(T0);
    assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(60));
  }

  private static ProductDetails details(String price) {
    return new ProductDetails("Lamp", "", Money.of(price, "EUR"), "lighting", Map.of("colour", "red"), true);
  }
}
