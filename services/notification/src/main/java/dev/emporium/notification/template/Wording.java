package dev.emporium.notification.template;

import dev.emporium.notification.job.Notice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/** How the templates put facts into words: money, cancellation reasons, what happens to a payment. */
final class Wording {

  private Wording() {}

  /** {@code 78.50 EUR}: the currency's decimals, then its code. */
  static String money(Notice.@Nullable Money money) {
    if (money == null) {
      return "";
    }
    BigDecimal amount = money.amount();
    try {
      int digits = Currency.getInstance(money.currency()).getDefaultFractionDigits();
      if (digits >= 0) {
        amount = amount.setScale(digits, RoundingMode.HALF_EVEN);
      }
    } catch (IllegalArgumentException unknownCurrency) {
      // An unknown code is still shown as it came.
    }
    return amount.toPlainString() + " " + money.currency();
  }

  /** The order saga's cancellation reasons (docs/events.md), as the end of "cancelled because ...". */
  static String reason(@Nullable String reason) {
    return switch (reason == null ? "" : reason) {
      case "payment-declined" -> "your payment was declined";
      case "payment-failed" -> "your payment could not be processed";
      case "insufficient-stock" -> "some of the items are no longer in stock";
      case "shipment-failed" -> "we could not arrange delivery to your address";
      case "timeout" -> "it could not be completed in time";
      default -> "it could not be completed";
    };
  }

  /** What becomes of the money, from the status the order had when it was cancelled. */
  static String refund(@Nullable String previousStatus) {
    return switch (previousStatus == null ? "" : previousStatus) {
      case "PAID", "RESERVED" -> "Your payment will be refunded in full.";
      case "PENDING" -> "You have not been charged.";
      default -> "If you were charged, the payment will be refunded in full.";
    };
  }

  static String html(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
