package dev.emporium.cart.cart;

import java.util.Map;

/**
 * A request the cart's rules refuse, naming the field, the constraint and its limits so that the
 * client can tell what to change. {@link Kind#INVALID_INPUT} is wrong whatever the cart holds;
 * {@link Kind#CART_LIMIT} is refused because of what the cart already holds.
 */
public class CartRuleException extends RuntimeException {

  public enum Kind { INVALID_INPUT, CART_LIMIT }

  private final Kind kind;
  private final String field;
  private final String constraint;
  private final Map<String, Object> limits;

  public CartRuleException(Kind kind, String field, String message, String constraint, Map<String, Object> limits) {
    super(message);
    this.kind = kind;
    this.field = field;
    this.constraint = constraint;
    this.limits = Map.copyOf(limits);
  }

  public Kind kind() {
    return kind;
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
