package dev.emporium.platform.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventSchemasTest {

  private final EventSchemas schemas = new EventSchemas();

  @Test
  void acceptsAnEventMatchingItsSchema() {
    assertThat(schemas.violations("OrderPlaced", "{\"orderId\":\"o-1\",\"sequence\":3}")).isEmpty();
  }

  @Test
  void namesEachViolation() {
    assertThat(schemas.violations("OrderPlaced", "{\"sequence\":-1,\"extra\":true}"))
        .anyMatch(v -> v.contains("orderId"))
        .anyMatch(v -> v.contains("sequence"))
        .anyMatch(v -> v.contains("extra"));
  }

  @Test
  void missingSchemaIsAnError() {
    assertThat(schemas.has("NothingHappened")).isFalse();
    assertThatThrownBy(() -> schemas.violations("NothingHappened", "{}")).hasMessageContaining("no JSON Schema");
  }

  @Test
  void requireValidThrowsTheViolations() {
    assertThatThrownBy(() -> schemas.requireValid("OrderPlaced", "{}"))
        .isInstanceOfSatisfying(EventSchemaViolation.class, e -> assertThat(e.errors()).isNotEmpty());
  }
}
