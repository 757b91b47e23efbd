package dev.emporium.shipping.persistence;

import dev.emporium.shipping.shipment.Address;
import dev.emporium.shipping.shipment.OrderItem;
import dev.emporium.shipping.shipment.OrderOutcome;
import dev.emporium.shipping.shipment.PickLine;
import dev.emporium.shipping.shipment.ShippingOrder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code shipping_orders}: what the service knows of each order, and what it decided. */
@Repository
public class ShippingOrderRepository {

  private final JdbcClient jdbc;
  private final Json json;

  public ShippingOrderRepository(JdbcClient jdbc, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.json = new Json(mapper);
  }

  /**
   * The order's row, created empty if it is new, locked until the transaction ends. Two listeners
   * of one order (its order and its reservation arriving at once) queue here: the second sees what
   * the first committed.
   */
  public ShippingOrder lock(String orderId, Instant now) {
    jdbc.sql("""
        INSERT INTO shipping_orders (order_id, created_at, updated_at) VALUES (:order, :now, :now)
        ON CONFLICT (order_id) DO NOTHING
        """).param("order", orderId).param("now", Timestamp.from(now)).update();
    return jdbc.sql("""
        SELECT order_id, user_id, items, shipping_address, reserved_lines, cancelled_at, outcome
        FROM shipping_orders WHERE order_id = :order FOR UPDATE
        """).param("order", orderId).query((rs, n) -> new ShippingOrder(rs.getString("order_id"),
            rs.getString("user_id"), json.readList(rs.getString("items"), OrderItem.class),
            json.read(rs.getString("shipping_address"), Address.class),
            json.readList(rs.getString("reserved_lines"), PickLine.class), rs.getTimestamp("cancelled_at") != null,
            OrderOutcome.valueOf(rs.getString("outcome")))).single();
  }

  public void recordOrder(String orderId, String userId, List<OrderItem> items, @Nullable Address address,
      Instant orderedAt, Instant now) {
    jdbc.sql("""
        UPDATE shipping_orders SET user_id = :user, items = CAST(:items AS jsonb),
          shipping_address = CAST(:address AS jsonb), ordered_at = :orderedAt, updated_at = :now
        WHERE order_id = :order
        """).param("user", userId).param("items", json.write(items)).param("address", json.write(address))
        .param("orderedAt", Timestamp.from(orderedAt)).param("now", Timestamp.from(now)).param("order", orderId)
        .update();
  }

  public void recordReservation(String orderId, List<PickLine> lines, Instant reservedAt, Instant now) {
    jdbc.sql("""
        UPDATE shipping_orders SET reserved_lines = CAST(:lines AS jsonb), reserved_at = :reservedAt, updated_at = :now
        WHERE order_id = :order
        """).param("lines", json.write(lines)).param("reservedAt", Timestamp.from(reservedAt))
        .param("now", Timestamp.from(now)).param("order", orderId).update();
  }

  public void recordCancellation(String orderId, String reason, Instant cancelledAt, Instant now) {
    jdbc.sql("""
        UPDATE shipping_orders SET cancelled_at = :cancelledAt, cancel_reason = :reason, updated_at = :now
        WHERE order_id = :order
        """).param("cancelledAt", Timestamp.from(cancelledAt)).param("reason", reason)
        .param("now", Timestamp.from(now)).param("order", orderId).update();
  }

  public void setOutcome(String orderId, OrderOutcome outcome, @Nullable String failureReason, Instant now) {
    jdbc.sql("""
        UPDATE shipping_orders SET outcome = :outcome, failure_reason = :failure, updated_at = :now
        WHERE order_id = :order
        """).param("outcome", outcome.name()).param("failure", failureReason).param("now", Timestamp.from(now))
        .param("order", orderId).update();
  }
}
