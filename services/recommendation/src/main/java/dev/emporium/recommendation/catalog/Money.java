package dev.emporium.recommendation.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/** A price as the product service states it: an amount of a currency (ISO 4217 code). */
public record Money(BigDecimal amount, String currency) {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (amount.signum() < 0) {
      throw new InvalidProductException("price.amount must not be negative");
    }
    if (!currency.matches("[A-Z]{3}")) {
      throw new InvalidProductException("price.currency must be an ISO 4217 code");
    }
  }
}
