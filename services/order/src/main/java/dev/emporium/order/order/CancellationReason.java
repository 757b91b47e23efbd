package dev.emporium.order.order;

/** Why an order was cancelled: the {@code reason} of OrderCancelled and of the order's API view. */
public enum CancellationReason {
  PAYMENT_DECLINED("payment-declined"),
  PAYMENT_FAILED("payment-failed"),
  INSUFFICIENT_STOCK("insufficient-stock"),
  SHIPMENT_FAILED("shipment-failed"),
  TIMEOUT("timeout");

  private final String code;

  CancellationReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static CancellationReason ofCode(String code) {
    for (CancellationReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("no cancellation reason " + code);
  }
}
