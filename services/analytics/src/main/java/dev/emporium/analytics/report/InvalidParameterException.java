package dev.emporium.analytics.report;

import java.util.Map;

/** A query parameter that is missing or outside its rule; the API reports it as a validation error of {@code field}. */
public class InvalidParameterException extends RuntimeException {

  private final String field;
  private final String constraint;
  private final Map<String, Object> limits;

  public InvalidParameterException(String field, String message, String constraint, Map<String, Object> limits) {
    super(message);
    this.field = field;
    this.constraint = constraint;
    this.limits = Map.copyOf(limits);
  }

  public String field() {
    return field;
  }

  public String constraint() {
    return constraint;
  }

  public Map<String, Object> limits() {
    return limits;
  }
}
