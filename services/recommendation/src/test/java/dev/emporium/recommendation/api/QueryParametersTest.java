package dev.emporium.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.platform.service.problem.FieldViolation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void absentParametersTakeTheirDefaults() {
    QueryParameters parameters = new QueryParameters();

    assertThat(parameters.limit(null, 10, 50)).isEqualTo(10);
    assertThat(parameters.productId(null)).isNull();
    assertThat(parameters.category(null)).isNull();
    parameters.requireValid();
  }

  @Test
  void validValuesAreRead() {
    QueryParameters parameters = new QueryParameters();
    UUID id = UUID.randomUUID();

    assertThat(parameters.limit("50", 10, 50)).isEqualTo(50);
    assertThat(parameters.productId(id.toString())).isEqualTo(id);
    assertThat(parameters.category("home-office")).isEqualTo("home-office");
    parameters.requireValid();
  }

  @Test
  void everyInvalidValueIsReportedWithItsLimits() {
    QueryParameters parameters = new QueryParameters();
    parameters.limit("51", 10, 50);
    parameters.productId("1-2-3-4-5");
    parameters.category("Home Office");

    assertThatThrownBy(parameters::requireValid).isInstanceOfSatisfying(InvalidParametersException.class,
        e -> {
          assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("limit", "productId", "category");
          assertThat(e.violations().get(0).limits()).containsEntry("min", 1).containsEntry("max", 50);
        });
  }
}
