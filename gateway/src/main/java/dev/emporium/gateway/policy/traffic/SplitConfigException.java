package dev.emporium.gateway.policy.traffic;

/** A traffic split that cannot be used, naming the field at fault (e.g. {@code weights.orders-v2}). */
public final class SplitConfigException extends IllegalArgumentException {

  private final String field;

  public SplitConfigException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The field at fault, relative to the split's settings. */
  public String field() {
    return field;
  }
}
