package dev.emporium.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emporium.notification.contact.Contact;
import dev.emporium.notification.job.Notice;
import dev.emporium.notification.job.NoticeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatesTest {

  final Templates templates = new Templates();
  final Contact ada = new Contact("u-1", "ada@example.org", "Ada <Countess> Lovelace", null);

  static Notice cancelled(String reason, String previousStatus) {
    return new Notice("e-1", "/services/order", NoticeKind.ORDER_CANCELLED, "u-1", "o-1", null, List.of(), null, null,
        reason, null, previousStatus, Instant.now());
  }

  @ParameterizedTest
  @CsvSource({
      "payment-declined, your payment was declined",
      "payment-failed, your payment could not be processed",
      "insufficient-stock, some of the items are no longer in stock",
      "shipment-failed, we could not arrange delivery to your address",
      "timeout, it could not be completed in time",
      "something-new, it could not be completed"})
  void saysEachCancellationReasonInWords(String reason, String words) {
    assertThat(templates.email(cancelled(reason, "PENDING"), ada).text()).contains("cancelled because " + words + ".");
    assertThat(templates.sms(cancelled(reason, "PENDING"))).contains(words).doesNotContain(reason + ".");
  }

  @Test
  void tellsWhatHappensToThePaymentByTheStatusTheOrderHad() {
    assertThat(templates.email(cancelled("timeout", "PENDING"), ada).text()).contains("You have not been charged.");
    assertThat(templates.email(cancelled("timeout", "RESERVED"), ada).text()).contains("refunded in full");
  }

  @Test
  void writesMoneyWithTheCurrencysDecimals() {
    Notice yen = new Notice("e-2", "/services/payment", NoticeKind.PAYMENT_PROCESSED, "u-1", "o-2",
        new Notice.Money(new BigDecimal("1500"), "JPY"), List.of(), null, null, null, null, null, Instant.now());
    Notice euro = new Notice("e-3", "/services/payment", NoticeKind.PAYMENT_PROCESSED, "u-1", "o-3",
        new Notice.Money(new BigDecimal("9.5"), "EUR"), List.of(), null, null, null, null, null, Instant.now());

    assertThat(templates.push(yen).title()).isEqualTo("Payment received");
    assertThat(templates.push(yen).body()).isEqualTo("1500 JPY for order o-2");
    assertThat(templates.sms(euro)).isEqualTo("Emporium: payment of 9.50 EUR received for order o-3.");
  }

  @Test
  void escapesEventAndUserValuesInHtmlButNotInText() {
    Notice shipped = new Notice("e-4", "/services/shipping", NoticeKind.SHIPMENT_CREATED, "u-1", "o-4", null, List.of(),
        "TRK<1>", "DHL & Co", null, null, null, Instant.now());

    EmailContent mail = templates.email(shipped, ada);

    assertThat(mail.subject()).isEqualTo("Your order o-4 is on its way");
    assertThat(mail.text()).startsWith("Hello Ada <Countess> Lovelace,").contains("Tracking number: TRK<1>");
    assertThat(mail.html()).contains("Hello Ada &lt;Countess&gt; Lovelace,").contains("DHL &amp; Co")
        .contains("TRK&lt;1&gt;").doesNotContain("<Countess>");
  }
}
