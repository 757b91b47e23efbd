package dev.emporium.payment.payments;

/** Why a payment failed, as {@code PaymentFailed.reason} names it. */
public enum FailureReason {
  CARD_DECLINED("card-declined"),
  PROCESSOR_UNAVAILABLE("processor-unavailable"),
  INVALID_PAYMENT("invalid-payment");

  private final String code;

  FailureReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
