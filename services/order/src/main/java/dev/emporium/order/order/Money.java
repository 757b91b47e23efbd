package dev.emporium.order.order;

import java.math.BigDecimal;
import java.util.Objects;

/** An exact amount in a currency (ISO 4217), as the product service priced it: never negative. */
public record Money(BigDecimal amount, String currency) {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("an amount is never negative: " + amount);
    }
    if (!currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("not an ISO 4217 code: " + currency);
    }
    // "1E+2" is a valid BigDecimal but no way to show a price: keep the plain form.
    if (amount.scale() < 0) {
      amount = amount.setScale(0);
    }
  }

  public Money times(int quantity) {
    return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
  }

  public Money plus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
    }
    return new Money(amount.add(other.amount), currency);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
