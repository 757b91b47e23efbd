package dev.emporium.platform.events.schema;

import java.util.List;

/** An event that does not match its JSON Schema: a producer bug, never published, never retried. */
public class EventSchemaViolation extends RuntimeException {

  private final List<String> errors;

  public EventSchemaViolation(String type, List<String> errors) {
    super(type + " does not match events/" + type + ".schema.json: " + String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
