package dev.emporium.order.order;

import java.util.List;

/** The products of one order are priced in several currencies; an order has one. */
public class MixedCurrenciesException extends RuntimeException {

  private final List<String> currencies;

  public MixedCurrenciesException(List<String> currencies) {
    super("the products are priced in " + String.join(", ", currencies) + "; one order is paid in one currency");
    this.currencies = List.copyOf(currencies);
  }

  public List<String> currencies() {
    return currencies;
  }
}
