package dev.emporium.psp.charge;

import java.util.Arrays;
import java.util.Optional;

/**
 * The test payment methods the simulator knows, named like a card processor's test tokens. Any
 * other name is rejected as a client would be by a real processor: it is not a card.
 */
public enum PaymentMethod {
  /** Always approved. */
  VISA("tok_visa", null),
  /** Always declined with {@code card_declined}. */
  CHARGE_DECLINED("tok_chargeDeclined", "card_declined");

  private final String token;
  private final String declineCode;

  PaymentMethod(String token, String declineCode) {
    this.token = token;
    this.declineCode = declineCode;
  }

  public static Optional<PaymentMethod> of(String token) {
    return Arrays.stream(values()).filter(method -> method.token.equals(token)).findFirst();
  }

  public String token() {
    return token;
  }

  /** Why charges to this method are declined, or null when they are approved. */
  public String declineCode() {
    return declineCode;
  }
}
