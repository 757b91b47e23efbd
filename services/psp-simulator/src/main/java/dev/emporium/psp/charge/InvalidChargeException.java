package dev.emporium.psp.charge;

/** A charge or refund request that breaks a rule; {@code field} is its path in the request body. */
public class InvalidChargeException extends RuntimeException {

  private final String field;
  private final String rule;

  public InvalidChargeException(String field, String rule) {
    super(field + " " + rule);
    this.field = field;
    this.rule = rule;
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }
}
