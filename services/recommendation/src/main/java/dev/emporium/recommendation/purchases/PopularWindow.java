package dev.emporium.recommendation.purchases;

import dev.emporium.recommendation.RecommendationProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * The days whose sales count towards "popular": today (UTC) and the days before it,
 * {@code popular-window} days in all. Sales are kept per UTC day, hence whole days.
 */
@Component
public class PopularWindow {

  private final Clock clock;
  private final int days;

  PopularWindow(Clock clock, RecommendationProperties properties) {
    this.clock = clock;
    this.days = properties.popularWindowDays();
  }

  public LocalDate firstDay() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L);
  }

  public boolean contains(Instant at) {
    return !day(at).isBefore(firstDay());
  }

  static LocalDate day(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
