package dev.emporium.analytics.persistence;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The hourly aggregates the reports read. Each increment is one upsert ({@code ON CONFLICT DO
 * UPDATE SET n = n + ...}), atomic under concurrent listeners of one hour.
 */
@Repository
public class HourlyRepository {

  private final JdbcClient jdbc;

  public HourlyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static Instant hourOf(Instant at) {
    return at.truncatedTo(ChronoUnit.HOURS);
  }

  public void addOrder(Instant at) {
    jdbc.sql("""
        INSERT INTO orders_hourly (hour, orders) VALUES (:hour, 1)
        ON CONFLICT (hour) DO UPDATE SET orders = orders_hourly.orders + 1
        """).param("hour", Timestamp.from(hourOf(at))).update();
  }

  public void addPayment(Instant at, String currency, BigDecimal amount) {
    jdbc.sql("""
        INSERT INTO revenue_hourly (hour, currency, gross, payments) VALUES (:hour, :currency, :amount, 1)
        ON CONFLICT (hour, currency) DO UPDATE
          SET gross = revenue_hourly.gross + EXCLUDED.gross, payments = revenue_hourly.payments + 1
        """).param("hour", Timestamp.from(hourOf(at))).param("currency", currency).param("amount", amount).update();
  }

  public void addRefund(Instant at, String currency, BigDecimal amount) {
    jdbc.sql("""
        INSERT INTO revenue_hourly (hour, currency, refunded, refunds) VALUES (:hour, :currency, :amount, 1)
        ON CONFLICT (hour, currency) DO UPDATE
          SET refunded = revenue_hourly.refunded + EXCLUDED.refunded, refunds = revenue_hourly.refunds + 1
        """).param("hour", Timestamp.from(hourOf(at))).param("currency", currency).param("amount", amount).update();
  }

  public void addCancellation(Instant at, String reason) {
    jdbc.sql("""
        INSERT INTO cancellations_hourly (hour, reason, cancellations) VALUES (:hour, :reason, 1)
        ON CONFLICT (hour, reason) DO UPDATE SET cancellations = cancellations_hourly.cancellations + 1
        """).param("hour", Timestamp.from(hourOf(at))).param("reason", reason).update();
  }

  /** Hours in [from, to) that had orders. */
  public List<HourCount> orders(Instant from, Instant to) {
    return jdbc.sql("SELECT hour, orders FROM orders_hourly WHERE hour >= :from AND hour < :to ORDER BY hour")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, n) -> new HourCount(rs.getTimestamp(1).toInstant(), rs.getLong(2))).list();
  }

  /** Hours in [from, to) that had payments or refunds, in {@code currency} or in all of them (null). */
  public List<HourRevenue> revenue(Instant from, Instant to, @Nullable String currency) {
    return jdbc.sql("""
        SELECT hour, currency, gross, refunded, payments, refunds FROM revenue_hourly
        WHERE hour >= :from AND hour < :to AND (CAST(:currency AS text) IS NULL OR currency = :currency)
        ORDER BY hour, currency
        """).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .param("currency", currency, Types.VARCHAR)
        .query((rs, n) -> new HourRevenue(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getBigDecimal(3),
            rs.getBigDecimal(4), rs.getLong(5), rs.getLong(6))).list();
  }

  /** Cancellations in [from, to) per reason, the most frequent first. */
  public List<ReasonCount> cancellations(Instant from, Instant to) {
    return jdbc.sql("""
        SELECT reason, sum(cancellations) AS n FROM cancellations_hourly WHERE hour >= :from AND hour < :to
        GROUP BY reason ORDER BY n DESC, reason
        """).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, n) -> new ReasonCount(rs.getString(1), rs.getLong(2))).list();
  }

  public record HourCount(Instant hour, long count) {}

  public record HourRevenue(Instant hour, String currency, BigDecimal gross, BigDecimal refunded, long payments,
      long refunds) {}

  public record ReasonCount(String reason, long count) {}
}
