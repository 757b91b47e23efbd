package dev.emporium.psp.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

  static final BigDecimal MAX = new BigDecimal("1000");

  @Test
  void keepsTheCurrencysDecimals() {
    assertThat(Money.parse("12.5", "EUR", MAX, "amount").text()).isEqualTo("12.50");
    assertThat(Money.parse("500", "JPY", MAX, "amount").text()).isEqualTo("500");
  }

  @Test
  void rejectsMoreDecimalsThanTheCurrencyHas() {
    assertThatThrownBy(() -> Money.parse("9.999", "EUR", MAX, "amount"))
        .isInstanceOf(InvalidChargeException.class).hasMessage("amount.amount EUR amounts have at most 2 decimals");
    assertThatThrownBy(() -> Money.parse("1.5", "JPY", MAX, "amount"))
        .hasMessage("amount.amount JPY amounts have at most 0 decimals");
  }

  @Test
  void rejectsZeroAndAmountsAboveTheLimit() {
    assertThatThrownBy(() -> Money.parse("0.00", "EUR", MAX, "amount")).hasMessage("amount.amount must be greater than 0");
    assertThatThrownBy(() -> Money.parse("1000.01", "EUR", MAX, "amount")).hasMessage("amount.amount must be at most 1000");
    assertThat(Money.parse("1000", "EUR", MAX, "amount").text()).isEqualTo("1000.00");
  }

  @Test
  void rejectsCodesThatAreNotCurrenciesCardsAreChargedIn() {
    assertThatThrownBy(() -> Money.parse("1", "ABC", MAX, "refund")).hasMessageStartingWith("refund.currency must be an ISO 4217");
    assertThatThrownBy(() -> Money.parse("1", "XXX", MAX, "amount")).hasMessage("amount.currency is not a currency cards are charged in");
  }

  @Test
  void comparesAndSubtractsInTheSameCurrency() {
    Money ten = Money.parse("10", "EUR", MAX, "amount");
    Money four = Money.parse("4", "EUR", MAX, "amount");
    assertThat(ten.minus(four).text()).isEqualTo("6.00");
    assertThat(four.exceeds(ten)).isFalse();
    assertThat(ten.exceeds(four)).isTrue();
  }
}
