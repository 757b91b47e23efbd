package dev.emporium.order.order;

/**
 * The three steps other services take for an order, each with the status its success leads to and
 * the timeline names of its outcomes.
 */
public enum SagaStep {
  PAYMENT(OrderStatus.PAID, "payment-processed", "payment-failed"),
  INVENTORY(OrderStatus.RESERVED, "inventory-reserved", "inventory-insufficient"),
  SHIPMENT(OrderStatus.COMPLETED, "shipment-created", "shipment-failed");

  private final OrderStatus reaches;
  private final String succeeded;
  private final String failed;

  SagaStep(OrderStatus reaches, String succeeded, String failed) {
    this.reaches = reaches;
    this.succeeded = succeeded;
    this.failed = failed;
  }

  public OrderStatus reaches() {
    return reaches;
  }

  public String succeededStep() {
    return succeeded;
  }

  public String failedStep() {
    return failed;
  }
}
