package dev.emporium.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  static final Duration MONTH = Duration.ofDays(31);

  @Test
  void widensARangeToTheWholeHoursItTouches() {
    TimeRange range = TimeRange.parse("2026-03-10T10:30:00Z", "2026-03-10T12:00:01+01:00", MONTH);

    assertThat(range.from()).isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
    assertThat(range.to()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
    assertThat(range.hours()).containsExactly(Instant.parse("2026-03-10T10:00:00Z"),
        Instant.parse("2026-03-10T11:00:00Z"));
  }

  @Test
  void aRangeOnWholeHoursStaysAsItIs() {
    TimeRange range = TimeRange.parse("2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z", MONTH);

    assertThat(range.hours()).containsExactly(Instant.parse("2026-03-10T10:00:00Z"));
  }

  @Test
  void namesTheParameterThatBreaksARule() {
    assertThatThrownBy(() -> TimeRange.parse(null, "2026-03-10T11:00:00Z", MONTH))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("from"));
    assertThatThrownBy(() -> TimeRange.parse("2026-03-10T11:00:00Z", "2026-03-10 12:00", MONTH))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("to"));
    assertThatThrownBy(() -> TimeRange.parse("2026-03-10T11:00:00Z", "2026-03-10T11:00:00Z", MONTH))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
          assertThat(e.field()).isEqualTo("to");
          assertThat(e.getMessage()).contains("after from");
        });
    assertThatThrownBy(() -> TimeRange.parse("2026-01-01T00:00:00Z", "2026-02-01T00:00:01Z", MONTH))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
          assertThat(e.field()).isEqualTo("to");
          assertThat(e.limits()).containsEntry("max", "PT744H");
        });
    assertThat(TimeRange.parse("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", MONTH).hours()).hasSize(744);
  }
}
