package dev.emporium.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentDetailsTest {

  private static final List<Payment.Item> ITEMS = List.of(new Payment.Item(UUID.randomUUID().toString(), 1));

  @Test
  void aTokenizedOrderCanBeCharged() {
    assertThat(details("42.50", "EUR", "tok_visa").problem()).isEmpty();
    assertThat(details("1000", "JPY", "tok_visa").problem()).isEmpty();
  }

  @Test
  void amountsMustBePositiveAndFitTheCurrency() {
    assertThat(details("0", "EUR", "tok_visa").problem()).hasValueSatisfying(p -> assertThat(p).contains("greater than 0"));
    assertThat(details("1.005", "EUR", "tok_visa").problem()).hasValueSatisfying(p -> assertThat(p).contains("decimals"));
    assertThat(details("10.5", "JPY", "tok_visa").problem()).hasValueSatisfying(p -> assertThat(p).contains("decimals"));
    assertThat(details("10", "ZZZ", "tok_visa").problem()).hasValueSatisfying(p -> assertThat(p).contains("ISO 4217"));
    assertThat(new PaymentDetails(null, null, "tok_visa", ITEMS).problem()).isPresent();
  }

  @Test
  void aCardNumberIsNeverAcceptedNorStored() {
    PaymentDetails card = details("5", "EUR", "4111-1111-1111-1111");

    assertThat(card.problem()).hasValueSatisfying(p -> assertThat(p).contains("token"));
    assertThat(card.storablePaymentMethod()).isEqualTo("****1111");
    assertThat(details("5", "EUR", "tok_visa").storablePaymentMethod()).isEqualTo("tok_visa");
  }

  @Test
  void itemsMustNameProductsAndQuantities() {
    assertThat(new PaymentDetails(new BigDecimal("5"), "EUR", "tok_visa", List.of()).problem()).isPresent();
    assertThat(new PaymentDetails(new BigDecimal("5"), "EUR", "tok_visa", List.of(new Payment.Item("kettle", 1)))
        .problem()).isPresent();
    assertThat(new PaymentDetails(new BigDecimal("5"), "EUR", "tok_visa",
        List.of(new Payment.Item(UUID.randomUUID().toString(), 0))).problem()).isPresent();
  }

  private static PaymentDetails details(String amount, String currency, String method) {
    return new PaymentDetails(new BigDecimal(amount), currency, method, ITEMS);
  }
}
