package dev.emporium.analytics.api;

import dev.emporium.analytics.api.ReportViews.CancellationsReport;
import dev.emporium.analytics.api.ReportViews.FunnelReport;
import dev.emporium.analytics.api.ReportViews.OrdersReport;
import dev.emporium.analytics.api.ReportViews.RevenueReport;
import dev.emporium.analytics.api.ReportViews.SkippedEvents;
import dev.emporium.analytics.report.InvalidParameterException;
import dev.emporium.analytics.report.Reports;
import dev.emporium.analytics.report.TimeRange;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.identity.RequireRole;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admins' analytics. Every report takes {@code from} and {@code to} (ISO-8601 date-times,
 * from before to, at most {@code emporium.analytics.max-range} apart) and answers for the whole UTC
 * hours they touch, saying which.
 */
@RestController
@RequestMapping("/api/analytics")
@RequireRole(Caller.ADMIN)
class AnalyticsController {

  private final Reports reports;

  AnalyticsController(Reports reports) {
    this.reports = reports;
  }

  @GetMapping("/orders")
  @Operation(summary = "Orders created per hour (admin)")
  OrdersReport orders(@RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to, Caller caller) {
    TimeRange range = reports.range(from, to);
    return OrdersReport.of(range, reports.orders(caller, range));
  }

  @GetMapping("/revenue")
  @Operation(summary = "Revenue per hour and currency: payments captured minus refunds (admin)")
  RevenueReport revenue(@RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String currency, Caller caller) {
    TimeRange range = reports.range(from, to);
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      throw new InvalidParameterException("currency", "must be an ISO 4217 code such as EUR", "Pattern",
          Map.of("regexp", "[A-Z]{3}"));
    }
    return RevenueReport.of(range, currency, reports.revenue(caller, range, currency));
  }

  @GetMapping("/funnel")
  @Operation(summary = "Orders created in the range, and how many were paid, reserved, shipped, completed (admin)")
  FunnelReport funnel(@RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to, Caller caller) {
    TimeRange range = reports.range(from, to);
    return FunnelReport.of(range, reports.funnel(caller, range));
  }

  @GetMapping("/cancellations")
  @Operation(summary = "Orders cancelled in the range, by reason (admin)")
  CancellationsReport cancellations(@RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to, Caller caller) {
    TimeRange range = reports.range(from, to);
    return CancellationsReport.of(range, reports.cancellations(caller, range));
  }

  @GetMapping("/skipped-events")
  @Operation(summary = "Events of unknown types the consumer counted and skipped, per topic and type (admin)")
  SkippedEvents skipped(Caller caller) {
    return new SkippedEvents(reports.skippedEvents(caller));
  }
}
