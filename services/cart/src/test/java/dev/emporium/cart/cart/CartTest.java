package dev.emporium.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CartTest {

  static final CartLimits LIMITS = new CartLimits(2, 5);

  static CartLine line(String id, int quantity, String price, String currency) {
    return new CartLine(id, "Name " + id, quantity, new Money(new BigDecimal(price), currency));
  }

  @Test
  void addingAgainIncreasesTheLineAndKeepsItsFirstPrice() {
    Cart cart = Cart.empty("u").add(line("a", 1, "2.50", "EUR"), LIMITS).add(line("a", 2, "9.99", "EUR"), LIMITS);

    assertThat(cart.lines()).hasSize(1);
    assertThat(cart.line("a").orElseThrow().quantity()).isEqualTo(3);
    assertThat(cart.line("a").orElseThrow().unitPrice().amount()).isEqualByComparingTo("2.50");
    assertThat(cart.total().orElseThrow().amount()).isEqualByComparingTo("7.50");
    assertThat(cart.itemCount()).isEqualTo(3);
  }

  @Test
  void emptyCartHasNoTotal() {
    assertThat(Cart.empty("u").total()).isEmpty();
  }

  @Test
  void moreDistinctProductsThanTheLimitAreRefusedNamingTheLimit() {
    Cart full = Cart.empty("u").add(line("a", 1, "1", "EUR"), LIMITS).add(line("b", 1, "1", "EUR"), LIMITS);

    assertThatThrownBy(() -> full.add(line("c", 1, "1", "EUR"), LIMITS))
        .isInstanceOfSatisfying(CartRuleException.class, e -> {
          assertThat(e.kind()).isEqualTo(CartRuleException.Kind.CART_LIMIT);
          assertThat(e.field()).isEqualTo("productId");
          assertThat(e.limits()).containsEntry("max", 2);
        });
    assertThat(full.add(line("a", 1, "1", "EUR"), LIMITS).line("a").orElseThrow().quantity())
        .as("an existing line still grows").isEqualTo(2);
  }

  @Test
  void aLineBeyondTheQuantityLimitIsRefused() {
    Cart cart = Cart.empty("u").add(line("a", 5, "1", "EUR"), LIMITS);

    assertThatThrownBy(() -> cart.add(line("a", 1, "1", "EUR"), LIMITS))
        .isInstanceOfSatisfying(CartRuleException.class, e -> assertThat(e.field()).isEqualTo("quantity"));
    assertThatThrownBy(() -> cart.withQuantity("a", 6, LIMITS)).isInstanceOf(CartRuleException.class);
  }

  @Test
  void mixingCurrenciesIsRefused() {
    Cart cart = Cart.empty("u").add(line("a", 1, "1", "EUR"), LIMITS);

    assertThatThrownBy(() -> cart.add(line("b", 1, "1", "USD"), LIMITS)).isInstanceOf(CartRuleException.class)
        .hasMessageContaining("USD").hasMessageContaining("EUR");
  }

  @Test
  void quantityZeroRemovesTheLineAndUnknownLinesAreNotFound() {
    Cart cart = Cart.empty("u").add(line("a", 1, "1", "EUR"), LIMITS).add(line("b", 1, "1", "EUR"), LIMITS);

    assertThat(cart.withQuantity("a", 0, LIMITS).lines()).extracting(CartLine::productId).containsExactly("b");
    assertThat(cart.withQuantity("a", 4, LIMITS).line("a").orElseThrow().quantity()).isEqualTo(4);
    assertThatThrownBy(() -> cart.withQuantity("x", 1, LIMITS)).isInstanceOf(CartLineNotFoundException.class);
    assertThatThrownBy(() -> cart.without("x")).isInstanceOf(CartLineNotFoundException.class);
  }

  @Test
  void touchingSetsTheExpiryFromTheTtlAndKeepsTheVersionRead() {
    Cart read = new Cart("u", java.util.List.of(), 7, null, null);
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    Cart touched = read.touched(now, Duration.ofDays(7));

    assertThat(touched.updatedAt()).isEqualTo(now);
    assertThat(touched.expiresAt()).isEqualTo(Instant.parse("2026-01-08T10:00:00Z"));
    assertThat(touched.version()).isEqualTo(7);
  }

  @Test
  void anOrderTakesItsQuantitiesOutAndEmptiedLinesGo() {
    Cart cart = Cart.empty("u").add(line("a", 3, "1.00", "EUR"), LIMITS).add(line("B", 1, "1.00", "EUR"), LIMITS);

    Cart after = cart.withoutOrdered(java.util.Map.of("a", 2, "b", 1, "gone", 4));

    assertThat(after.lines()).extracting(CartLine::productId, CartLine::quantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1));
    assertThat(cart.withoutOrdered(java.util.Map.of("gone", 1))).isSameAs(cart);
  }
}
