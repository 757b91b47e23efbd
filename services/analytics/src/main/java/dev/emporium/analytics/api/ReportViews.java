package dev.emporium.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.emporium.analytics.persistence.HourlyRepository.HourCount;
import dev.emporium.analytics.persistence.HourlyRepository.HourRevenue;
import dev.emporium.analytics.persistence.HourlyRepository.ReasonCount;
import dev.emporium.analytics.persistence.OrderFactsRepository.Funnel;
import dev.emporium.analytics.persistence.SkippedEventsRepository.Skipped;
import dev.emporium.analytics.report.TimeRange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The reports as the API writes them. Hourly reports list every hour of the range, empty ones too. */
final class ReportViews {

  private ReportViews() {}

  record OrdersReport(Instant from, Instant to, long total, List<OrdersHour> buckets) {

    static OrdersReport of(TimeRange range, List<HourCount> counts) {
      Map<Instant, Long> byHour = counts.stream().collect(Collectors.toMap(HourCount::hour, HourCount::count));
      List<OrdersHour> buckets = range.hours().map(h -> new OrdersHour(h, byHour.getOrDefault(h, 0L))).toList();
      return new OrdersReport(range.from(), range.to(), buckets.stream().mapToLong(OrdersHour::orders).sum(), buckets);
    }
  }

  record OrdersHour(Instant hour, long orders) {}

  /** Money of one currency: payments captured (gross), refunds, and what is left (net). */
  record Revenue(String currency, BigDecimal gross, BigDecimal refunded, BigDecimal net, long payments, long refunds) {

    static Revenue of(String currency, BigDecimal gross, BigDecimal refunded, long payments, long refunds) {
      return new Revenue(currency, money(gross), money(refunded), money(gross.subtract(refunded)), payments, refunds);
    }

    Revenue plus(Revenue other) {
      return of(currency, gross.add(other.gross), refunded.add(other.refunded), payments + other.payments,
          refunds + other.refunds);
    }
  }

  record RevenueHour(Instant hour, List<Revenue> currencies) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RevenueReport(Instant from, Instant to, @Nullable String currency, List<Revenue> totals,
      List<RevenueHour> buckets) {

    static RevenueReport of(TimeRange range, @Nullable String currency, List<HourRevenue> rows) {
      Map<Instant, List<Revenue>> byHour = rows.stream().collect(Collectors.groupingBy(HourRevenue::hour,
          Collectors.mapping(r -> Revenue.of(r.currency(), r.gross(), r.refunded(), r.payments(), r.refunds()),
              Collectors.toList())));
      List<RevenueHour> buckets = range.hours().map(h -> new RevenueHour(h, byHour.getOrDefault(h, List.of()))).toList();
      Map<String, Revenue> totals = new TreeMap<>();
      buckets.forEach(b -> b.currencies().forEach(r -> totals.merge(r.currency(), r, Revenue::plus)));
      return new RevenueReport(range.from(), range.to(), currency, List.copyOf(totals.values()), buckets);
    }
  }

  /**
   * The orders created in the range and how many of them went on to each step; {@code conversion}
   * is each step's share of the created orders (0 when none were created).
   */
  record FunnelReport(Instant from, Instant to, long created, long paid, long reserved, long shipped, long completed,
      long cancelled, Map<String, BigDecimal> conversion) {

    static FunnelReport of(TimeRange range, Funnel f) {
      Function<Long, BigDecimal> share = n -> f.created() == 0 ? BigDecimal.ZERO.setScale(4)
          : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(f.created()), 4, RoundingMode.HALF_UP);
      Map<String, BigDecimal> conversion = new TreeMap<>(Map.of("paid", share.apply(f.paid()),
          "reserved", share.apply(f.reserved()), "shipped", share.apply(f.shipped()),
          "completed", share.apply(f.completed()), "cancelled", share.apply(f.cancelled())));
      return new FunnelReport(range.from(), range.to(), f.created(), f.paid(), f.reserved(), f.shipped(),
          f.completed(), f.cancelled(), conversion);
    }
  }

  record CancellationsReport(Instant from, Instant to, long total, List<ReasonCount> byReason) {

    static CancellationsReport of(TimeRange range, List<ReasonCount> reasons) {
      return new CancellationsReport(range.from(), range.to(), reasons.stream().mapToLong(ReasonCount::count).sum(),
          reasons);
    }
  }

  record SkippedEvents(List<Skipped> skipped) {}

  /** At least two decimals, more when the amounts have them (a currency with three minor units). */
  static BigDecimal money(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY);
  }
}
