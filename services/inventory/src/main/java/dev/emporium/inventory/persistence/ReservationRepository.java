package dev.emporium.inventory.persistence;

import dev.emporium.inventory.stock.ReservationState;
import dev.emporium.inventory.stock.ReservedLine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reservations} of orders and their {@code reservation_lines}. */
@Repository
public class ReservationRepository {

  private final JdbcClient jdbc;

  public ReservationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that this service decides on {@code orderId} now. A concurrent transaction claiming the
   * same order waits on the primary key and then finds it taken.
   *
   * @return false when the order was already decided (reserved, short, or cancelled before)
   */
  public boolean claim(String orderId, ReservationState state, Instant now) {
    return jdbc.sql("""
        INSERT INTO reservations (order_id, state, created_at, updated_at) VALUES (:order, :state, :now, :now)
        ON CONFLICT (order_id) DO NOTHING
        """).param("order", orderId).param("state", state.name()).param("now", Timestamp.from(now)).update() == 1;
  }

  /** The order's state, locking its row until the transaction ends. */
  public Optional<ReservationState> lockState(String orderId) {
    return jdbc.sql("SELECT state FROM reservations WHERE order_id = :order FOR UPDATE").param("order", orderId)
        .query((rs, n) -> ReservationState.valueOf(rs.getString(1))).optional();
  }

  public Optional<ReservationState> state(String orderId) {
    return jdbc.sql("SELECT state FROM reservations WHERE order_id = :order").param("order", orderId)
        .query((rs, n) -> ReservationState.valueOf(rs.getString(1))).optional();
  }

  /** Moves the order and all its lines to {@code state}. */
  public void setState(String orderId, ReservationState state, Instant now) {
    jdbc.sql("UPDATE reservations SET state = :state, updated_at = :now WHERE order_id = :order")
        .param("state", state.name()).param("now", Timestamp.from(now)).param("order", orderId).update();
    if (state.appliesToLines()) {
      jdbc.sql("UPDATE reservation_lines SET state = :state WHERE order_id = :order")
          .param("state", state.name()).param("order", orderId).update();
    }
  }

  public void insertLines(String orderId, List<ReservedLine> lines) {
    for (ReservedLine line : lines) {
      jdbc.sql("""
          INSERT INTO reservation_lines (order_id, product_id, warehouse, quantity, state)
          VALUES (:order, :product, :warehouse, :quantity, 'RESERVED')
          """).param("order", orderId).param("product", line.productId()).param("warehouse", line.warehouse())
          .param("quantity", line.quantity()).update();
    }
  }

  /** The order's lines in the lock order of {@link StockRepository#lockProducts}. */
  public List<ReservedLine> lines(String orderId) {
    return jdbc.sql("""
        SELECT product_id, warehouse, quantity FROM reservation_lines WHERE order_id = :order
        ORDER BY product_id, warehouse
        """).param("order", orderId)
        .query((rs, n) -> new ReservedLine(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3))).list();
  }
}
