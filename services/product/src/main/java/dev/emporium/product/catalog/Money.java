package dev.emporium.product.catalog;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount in a currency. The amount is never negative and has no more decimals than the currency
 * has minor units (2 for EUR, 0 for JPY): a price of 9.999 EUR cannot be charged, so it cannot exist.
 */
public record Money(BigDecimal amount, String currency) {

  /** Prices above this are certainly typing mistakes (and overflow the column). */
  public static final BigDecimal MAX = new BigDecimal("999999999.99");

  public Money {
    if (amount == null || currency == null) {
      throw new InvalidProductException("price needs an amount and a currency");
    }
    Currency unit;
    try {
      unit = Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new InvalidProductException("'" + currency + "' is not an ISO 4217 currency code");
    }
    if (amount.signum() < 0 || amount.compareTo(MAX) > 0) {
      throw new InvalidProductException("price must be between 0 and " + MAX.toPlainString());
    }
    int digits = Math.max(unit.getDefaultFractionDigits(), 0);
    if (amount.stripTrailingZeros().scale() > digits) {
      throw new InvalidProductException(currency + " amounts have at most " + digits + " decimals");
    }
    amount = amount.setScale(digits);
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), currency);
  }
}
