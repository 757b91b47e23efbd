package dev.emporium.psp.api;

import dev.emporium.psp.charge.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * An amount as the API carries it: a decimal string (never a JSON number, whose binary rounding
 * would change what is charged) and an ISO 4217 code. The number's range and decimals are checked
 * by {@link Money#parse}, which knows the currency.
 */
public record MoneyBody(
    @NotNull @Pattern(regexp = "\\d{1,12}(\\.\\d{1,6})?", message = "must be a decimal string such as \"12.50\"")
    String amount,
    @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

  Money toMoney(BigDecimal max, String field) {
    return Money.parse(amount, currency, max, field);
  }

  static MoneyBody of(Money money) {
    return new MoneyBody(money.text(), money.currency().getCurrencyCode());
  }
}
