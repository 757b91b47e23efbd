package dev.emporium.psp.charge;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * A positive amount in an ISO 4217 currency, with no more decimals than the currency has minor
 * units (2 for EUR, 0 for JPY): 9.999 EUR cannot be charged, so it cannot exist.
 */
public record Money(BigDecimal amount, Currency currency) {

  public Money {
    amount = amount.setScale(currency.getDefaultFractionDigits());
  }

  /**
   * Reads an amount as the API carries it, naming {@code field} (e.g. {@code amount}) in what it
   * rejects: {@code field.amount} for the number, {@code field.currency} for the code.
   */
  public static Money parse(String amount, String currency, BigDecimal max, String field) {
    Currency unit;
    try {
      unit = Currency.getInstance(currency);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidChargeException(field + ".currency", "must be an ISO 4217 currency code such as EUR");
    }
    int digits = unit.getDefaultFractionDigits();
    if (digits < 0) {
      throw new InvalidChargeException(field + ".currency", "is not a currency cards are charged in");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(amount);
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidChargeException(field + ".amount", "must be a decimal string such as \"12.50\"");
    }
    if (value.signum() <= 0) {
      throw new InvalidChargeException(field + ".amount", "must be greater than 0");
    }
    if (value.compareTo(max) > 0) {
      throw new InvalidChargeException(field + ".amount", "must be at most " + max.toPlainString());
    }
    if (value.stripTrailingZeros().scale() > digits) {
      throw new InvalidChargeException(field + ".amount", currency + " amounts have at most " + digits + " decimals");
    }
    return new Money(value, unit);
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(other.amount), currency);
  }

  public boolean exceeds(Money other) {
    return amount.compareTo(other.amount) > 0;
  }

  /** The amount as the API writes it: a decimal string with the currency's decimals. */
  public String text() {
    return amount.toPlainString();
  }
}
