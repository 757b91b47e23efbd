package dev.emporium.analytics.ingest;

/**
 * The steps of an order the funnel follows, each with the event that reports it. An order's step
 * counts once, at the time of the first event that reports it.
 */
public enum SagaStep {
  CREATED("created_at"),
  PAID("paid_at"),
  RESERVED("reserved_at"),
  SHIPPED("shipped_at"),
  COMPLETED("completed_at"),
  CANCELLED("cancelled_at");

  private final String column;

  SagaStep(String column) {
    this.column = column;
  }

  /** The column of {@code order_facts} that holds the step's time (a constant, never input). */
  public String column() {
    return column;
  }
}
