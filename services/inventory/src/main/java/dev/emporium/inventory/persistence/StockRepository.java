package dev.emporium.inventory.persistence;

import dev.emporium.inventory.stock.Stock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code stock} table, with plain SQL (JdbcClient). */
@Repository
public class StockRepository {

  private static final String COLUMNS = "product_id, warehouse, on_hand, reserved, version";

  private final JdbcClient jdbc;

  public StockRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks every stock row of {@code productIds} until the transaction ends. The rows are locked in
   * one order for everybody (product, then warehouse: PostgreSQL locks rows as the sorted result
   * emits them), so two transactions locking overlapping products wait for each other instead of
   * deadlocking.
   */
  public List<Stock> lockProducts(Collection<UUID> productIds) {
    if (productIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM stock WHERE product_id IN (:ids) "
            + "ORDER BY product_id, warehouse FOR UPDATE")
        .param("ids", productIds).query(StockRepository::map).list();
  }

  public List<Stock> findByProduct(UUID productId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM stock WHERE product_id = :id ORDER BY warehouse")
        .param("id", productId).query(StockRepository::map).list();
  }

  /**
   * Reserves {@code quantity} units of a row the caller has locked. The condition repeats the
   * availability check, so that a caller that forgot the lock fails loudly instead of overselling.
   */
  public void reserve(UUID productId, String warehouse, int quantity, Instant now) {
    int updated = jdbc.sql("""
        UPDATE stock SET reserved = reserved + :quantity, version = version + 1, updated_at = :now
        WHERE product_id = :product AND warehouse = :warehouse AND on_hand - reserved >= :quantity
        """).param("quantity", quantity).param("now", Timestamp.from(now)).param("product", productId)
        .param("warehouse", warehouse).update();
    if (updated != 1) {
      throw new IllegalStateException("cannot reserve " + quantity + " of " + productId + " in " + warehouse);
    }
  }

  /** Returns {@code quantity} reserved units of a row the caller has locked to the available stock. */
  public void unreserve(UUID productId, String warehouse, int quantity, Instant now) {
    int updated = jdbc.sql("""
        UPDATE stock SET reserved = reserved - :quantity, version = version + 1, updated_at = :now
        WHERE product_id = :product AND warehouse = :warehouse AND reserved >= :quantity
        """).param("quantity", quantity).param("now", Timestamp.from(now)).param("product", productId)
        .param("warehouse", warehouse).update();
    if (updated != 1) {
      throw new IllegalStateException("cannot release " + quantity + " of " + productId + " in " + warehouse);
    }
  }

  /**
   * Adds {@code quantity} units to a product's stock in a warehouse, creating the row the first time.
   * One statement, one row lock: it cannot take part in a deadlock with the reservations.
   */
  public Stock restock(UUID productId, String warehouse, int quantity, Instant now) {
    return jdbc.sql("""
        INSERT INTO stock (product_id, warehouse, on_hand, reserved, version, updated_at)
        VALUES (:product, :warehouse, :quantity, 0, 1, :now)
        ON CONFLICT (product_id, warehouse) DO UPDATE
          SET on_hand = stock.on_hand + EXCLUDED.on_hand, version = stock.version + 1, updated_at = EXCLUDED.updated_at
        RETURNING\s""" + COLUMNS)
        .param("product", productId).param("warehouse", warehouse).param("quantity", quantity)
        .param("now", Timestamp.from(now)).query(StockRepository::map).single();
  }

  private static Stock map(ResultSet rs, int row) throws SQLException {
    return new Stock(rs.getObject("product_id", UUID.class), rs.getString("warehouse"), rs.getLong("on_hand"),
        rs.getLong("reserved"), rs.getLong("version"));
  }
}
