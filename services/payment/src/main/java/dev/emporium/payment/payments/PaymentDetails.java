package dev.emporium.payment.payments;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an order must carry to be charged. An order that breaks these rules is not charged: it
 * fails at once with {@code invalid-payment}, so that the order is cancelled instead of stuck.
 */
public record PaymentDetails(@Nullable BigDecimal amount, @Nullable String currency, @Nullable String paymentMethod,
    List<Payment.Item> items) {

  static final int MAX_PAYMENT_METHOD = 64;
  static final int MAX_ITEMS = 50;
  static final int MAX_QUANTITY = 100;
  /** Twelve or more digits in a row look like a card number: such a value is never stored or sent. */
  private static final Pattern CARD_NUMBER = Pattern.compile("\\d[\\d -]{10,}\\d");

  /** Why the order cannot be charged, or empty when it can. */
  public Optional<String> problem() {
    if (amount == null || currency == null) {
      return Optional.of("total: amount and currency are required");
    }
    if (amount.signum() <= 0) {
      return Optional.of("total.amount must be greater than 0");
    }
    Currency iso;
    try {
      iso = Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      return Optional.of("total.currency is not an ISO 4217 code");
    }
    if (iso.getDefaultFractionDigits() < 0 || amount.stripTrailingZeros().scale() > iso.getDefaultFractionDigits()) {
      return Optional.of("total.amount has more decimals than " + currency + " allows");
    }
    if (paymentMethod == null || paymentMethod.isBlank() || paymentMethod.length() > MAX_PAYMENT_METHOD) {
      return Optional.of("paymentMethod must be 1 to " + MAX_PAYMENT_METHOD + " characters");
    }
    if (looksLikeCardNumber(paymentMethod)) {
      return Optional.of("paymentMethod must be a token, never a card number");
    }
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      return Optional.of("items must hold 1 to " + MAX_ITEMS + " lines");
    }
    for (Payment.Item item : items) {
      if (!isUuid(item.productId()) || item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
        return Optional.of("items: each needs a productId (UUID) and a quantity of 1 to " + MAX_QUANTITY);
      }
    }
    return Optional.empty();
  }

  /** The payment method as it may be stored and shown: the token, or a mask when it is not one. */
  public String storablePaymentMethod() {
    if (paymentMethod == null || paymentMethod.isBlank()) {
      return "none";
    }
    if (looksLikeCardNumber(paymentMethod) || paymentMethod.length() > MAX_PAYMENT_METHOD) {
      String digits = paymentMethod.replaceAll("\\D", "");
      return "****" + (digits.length() >= 4 ? digits.substring(digits.length() - 4) : "");
    }
    return paymentMethod;
  }

  static boolean looksLikeCardNumber(String value) {
    return CARD_NUMBER.matcher(value).find();
  }

  private static boolean isUuid(@Nullable String value) {
    if (value == null) {
      return false;
    }
    try {
      UUID.fromString(value);
      return value.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
