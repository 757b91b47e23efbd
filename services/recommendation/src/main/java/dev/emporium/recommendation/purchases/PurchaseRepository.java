package dev.emporium.recommendation.purchases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL that counts completed orders: the order itself, the buyer's history, sales per day and
 * pair counts. Every counter is an upsert that adds to the stored value, so counting is incremental;
 * rows are written in key order, so that concurrent orders sharing products queue instead of deadlocking.
 */
@Repository
class PurchaseRepository {

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  PurchaseRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** @return false when the order was counted before (under any event id) */
  boolean markCounted(CompletedOrder order) {
    return jdbc.sql("""
        INSERT INTO completed_orders (order_id, user_id, completed_at) VALUES (:order, :user, :at)
        ON CONFLICT (order_id) DO NOTHING
        """)
        .param("order", order.orderId()).param("user", order.userId()).param("at", utc(order))
        .update() == 1;
  }

  void addPurchases(CompletedOrder order) {
    List<OrderLine> lines = sorted(order.lines());
    batch.batchUpdate("""
        INSERT INTO purchases (user_id, product_id, units, orders, last_bought_at)
        VALUES (:user, :product, :units, 1, :at)
        ON CONFLICT (user_id, product_id) DO UPDATE
           SET units = purchases.units + EXCLUDED.units, orders = purchases.orders + 1,
               last_bought_at = GREATEST(purchases.last_bought_at, EXCLUDED.last_bought_at)
        """, lines.stream().map(line -> (SqlParameterSource) new MapSqlParameterSource()
            .addValue("user", order.userId()).addValue("product", line.productId())
            .addValue("units", line.quantity()).addValue("at", utc(order))).toArray(SqlParameterSource[]::new));
  }

  void addSales(CompletedOrder order) {
    LocalDate day = PopularWindow.day(order.completedAt());
    List<OrderLine> lines = sorted(order.lines());
    batch.batchUpdate("""
        INSERT INTO product_sales (day, product_id, units) VALUES (:day, :product, :units)
        ON CONFLICT (day, product_id) DO UPDATE SET units = product_sales.units + EXCLUDED.units
        """, lines.stream().map(line -> (SqlParameterSource) new MapSqlParameterSource()
            .addValue("day", day).addValue("product", line.productId()).addValue("units", line.quantity()))
        .toArray(SqlParameterSource[]::new));
  }

  /** Adds the order's units to the window's totals (after {@link #addSales}, see {@link #recomputePopular}). */
  void addToPopular(CompletedOrder order) {
    batch.batchUpdate("""
        INSERT INTO popular_products (product_id, units) VALUES (:product, :units)
        ON CONFLICT (product_id) DO UPDATE SET units = popular_products.units + EXCLUDED.units
        """, sorted(order.lines()).stream().map(line -> (SqlParameterSource) new MapSqlParameterSource()
            .addValue("product", line.productId()).addValue("units", line.quantity()))
        .toArray(SqlParameterSource[]::new));
  }

  /**
   * Recomputes the window's totals from the sales of the days since {@code firstDay}. The table lock
   * keeps the totals exact while orders are being counted: an order that already added to the totals
   * is waited for, so its sales are in the sum; one that adds after the lock was taken could not be
   * in the sum (it wrote its sales before adding, uncommitted), so it adds on top of it. Two
   * recomputations (several instances) queue on the same lock.
   *
   * @return the number of products with sales in the window
   */
  int recomputePopular(LocalDate firstDay) {
    jdbc.sql("LOCK TABLE popular_products IN EXCLUSIVE MODE").update();
    jdbc.sql("DELETE FROM popular_products").update();
    return jdbc.sql("""
        INSERT INTO popular_products (product_id, units)
        SELECT product_id, SUM(units) FROM product_sales WHERE day >= :firstDay GROUP BY product_id
        """).param("firstDay", firstDay).update();
  }

  void addPairs(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return;
    }
    batch.batchUpdate("""
        INSERT INTO product_pairs (product_id, other_id, orders) VALUES (:product, :other, 1)
        ON CONFLICT (product_id, other_id) DO UPDATE SET orders = product_pairs.orders + 1
        """, pairs.stream().sorted(Pair.ORDER).map(pair -> (SqlParameterSource) new MapSqlParameterSource()
            .addValue("product", pair.product()).addValue("other", pair.other()))
        .toArray(SqlParameterSource[]::new));
  }

  private static List<OrderLine> sorted(List<OrderLine> lines) {
    return lines.stream().sorted(Comparator.comparing(OrderLine::productId)).toList();
  }

  private static OffsetDateTime utc(CompletedOrder order) {
    return order.completedAt().atOffset(ZoneOffset.UTC);
  }
}
