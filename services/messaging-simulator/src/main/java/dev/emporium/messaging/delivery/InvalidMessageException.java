package dev.emporium.messaging.delivery;

import java.util.Map;

/** A message that breaks a rule; {@code field} is its path in the request body. */
public class InvalidMessageException extends RuntimeException {

  private final String field;
  private final String rule;
  private final Map<String, Object> limits;

  public InvalidMessageException(String field, String rule, Map<String, Object> limits) {
    super(field + " " + rule);
    this.field = field;
    this.rule = rule;
    this.limits = Map.copyOf(limits);
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }

  public Map<String, Object> limits() {
    return limits;
  }
}
