package dev.emporium.gateway.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusRangeTest {

  @Test
  void acceptsARangeInclusively() {
    StatusRange range = StatusRange.parse("200-399");

    assertThat(range.contains(199)).isFalse();
    assertThat(range.contains(200)).isTrue();
    assertThat(range.contains(302)).isTrue();
    assertThat(range.contains(399)).isTrue();
    assertThat(range.contains(400)).isFalse();
  }

  @Test
  void acceptsASingleCode() {
    StatusRange range = StatusRange.parse("204");

    assertThat(range.contains(204)).isTrue();
    assertThat(range.contains(200)).isFalse();
  }

  @Test
  void acceptsAListOfCodesAndRangesWithSpaces() {
    StatusRange range = StatusRange.parse(" 200 , 204, 300 - 302 ");

    assertThat(range.contains(200)).isTrue();
    assertThat(range.contains(204)).isTrue();
    assertThat(range.contains(301)).isTrue();
    assertThat(range.contains(201)).isFalse();
    assertThat(range.contains(303)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "ok", "200-", "-200", "200,,204", "200,", "99", "600", "400-300", "2xx", "200-399-500"})
  void rejectsWhatIsNotAStatusList(String text) {
    assertThatThrownBy(() -> StatusRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNothingAtAll() {
    assertThatThrownBy(() -> StatusRange.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
