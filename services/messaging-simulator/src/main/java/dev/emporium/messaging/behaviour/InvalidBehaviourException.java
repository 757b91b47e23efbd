package dev.emporium.messaging.behaviour;

/** A behaviour outside its limits; {@code field} is the name used in the admin API's body. */
public class InvalidBehaviourException extends IllegalArgumentException {

  private final String field;

  public InvalidBehaviourException(String field, String message) {
    super(field + " " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The message without the field's name, as a validation problem lists it. */
  public String rule() {
    return getMessage().substring(field.length() + 1);
  }
}
