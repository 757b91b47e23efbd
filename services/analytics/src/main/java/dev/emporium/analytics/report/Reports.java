package dev.emporium.analytics.report;

import dev.emporium.analytics.AnalyticsProperties;
import dev.emporium.analytics.persistence.HourlyRepository;
import dev.emporium.analytics.persistence.HourlyRepository.HourCount;
import dev.emporium.analytics.persistence.HourlyRepository.HourRevenue;
import dev.emporium.analytics.persistence.HourlyRepository.ReasonCount;
import dev.emporium.analytics.persistence.OrderFactsRepository;
import dev.emporium.analytics.persistence.OrderFactsRepository.Funnel;
import dev.emporium.analytics.persistence.SkippedEventsRepository;
import dev.emporium.analytics.persistence.SkippedEventsRepository.Skipped;
import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admins' questions, answered from the aggregates. */
@Service
public class Reports {

  private final HourlyRepository hourly;
  private final OrderFactsRepository orders;
  private final SkippedEventsRepository skipped;
  private final Duration maxRange;

  Reports(HourlyRepository hourly, OrderFactsRepository orders, SkippedEventsRepository skipped,
      AnalyticsProperties properties) {
    this.hourly = hourly;
    this.orders = orders;
    this.skipped = skipped;
    this.maxRange = properties.maxRange();
  }

  /** @throws InvalidParameterException when the range breaks a rule */
  public TimeRange range(@Nullable String from, @Nullable String to) {
    return TimeRange.parse(from, to, maxRange);
  }

  @Transactional(readOnly = true)
  public List<HourCount> orders(Caller caller, TimeRange range) {
    Access.requireAdmin(caller);
    return hourly.orders(range.from(), range.to());
  }

  @Transactional(readOnly = true)
  public List<HourRevenue> revenue(Caller caller, TimeRange range, @Nullable String currency) {
    Access.requireAdmin(caller);
    return hourly.revenue(range.from(), range.to(), currency);
  }

  @Transactional(readOnly = true)
  public Funnel funnel(Caller caller, TimeRange range) {
    Access.requireAdmin(caller);
    return orders.funnel(range.from(), range.to());
  }

  @Transactional(readOnly = true)
  public List<ReasonCount> cancellations(Caller caller, TimeRange range) {
    Access.requireAdmin(caller);
    return hourly.cancellations(range.from(), range.to());
  }

  @Transactional(readOnly = true)
  public List<Skipped> skippedEvents(Caller caller) {
    Access.requireAdmin(caller);
    return skipped.all();
  }
}
