package dev.emporium.inventory.stock;

/** A quantity outside its configured range; the API reports it as a validation error of {@code field}. */
public class QuantityOutOfRangeException extends RuntimeException {

  private final String field;
  private final long min;
  private final long max;

  public QuantityOutOfRangeException(String field, long min, long max) {
    super(field + " must be between " + min + " and " + max);
    this.field = field;
    this.min = min;
    this.max = max;
  }

  public String field() {
    return field;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }
}
