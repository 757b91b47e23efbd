package dev.emporium.order.persistence;

import dev.emporium.order.order.CancellationReason;
import dev.emporium.order.order.Money;
import dev.emporium.order.order.Order;
import dev.emporium.order.order.OrderLine;
import dev.emporium.order.order.OrderStatus;
import dev.emporium.order.order.ShippingAddress;
import dev.emporium.order.order.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code orders} and their {@code order_timeline}. */
@Repository
public class OrderRepository {

  private static final String COLUMNS = """
      id, user_id, status, items, total, currency, shipping_address, payment_method, from_cart, tracking_number,
      cancellation_reason, created_at, updated_at, status_since""";
  private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final RowMapper<Order> orders = this::order;

  public OrderRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** What an idempotency key was first used for. */
  public record KeyUse(UUID orderId, String requestHash) {}

  /**
   * Inserts a new order under the caller's idempotency key. A concurrent transaction inserting
   * under the same key waits on the unique index and then finds it taken.
   *
   * @return false when the key was already used (nothing was inserted)
   */
  public boolean insert(Order order, String idempotencyKey, String requestHash) {
    return jdbc.sql("""
        INSERT INTO orders (id, user_id, idempotency_key, request_hash, status, items, total, currency,
                            shipping_address, payment_method, from_cart, created_at, updated_at, status_since)
        VALUES (:id, :user, :key, :hash, :status, :items::jsonb, :total, :currency, :address::jsonb, :payment,
                :fromCart, :created, :created, :created)
        ON CONFLICT (user_id, idempotency_key) DO NOTHING
        """)
        .param("id", order.id()).param("user", order.userId()).param("key", idempotencyKey).param("hash", requestHash)
        .param("status", order.status().name()).param("items", json.writeValueAsString(order.lines()))
        .param("total", order.total().amount()).param("currency", order.total().currency())
        .param("address", json.writeValueAsString(order.shippingAddress())).param("payment", order.paymentMethod())
        .param("fromCart", order.fromCart()).param("created", Timestamp.from(order.createdAt()))
        .update() == 1;
  }

  public Optional<KeyUse> keyUse(String userId, String idempotencyKey) {
    return jdbc.sql("SELECT id, request_hash FROM orders WHERE user_id = :user AND idempotency_key = :key")
        .param("user", userId).param("key", idempotencyKey)
        .query((rs, n) -> new KeyUse(rs.getObject(1, UUID.class), rs.getString(2))).optional();
  }

  public Optional<Order> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id").param("id", id).query(orders).optional();
  }

  /** The order, locking its row until the transaction ends (saga events of one order queue here). */
  public Optional<Order> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id FOR UPDATE").param("id", id).query(orders)
        .optional();
  }

  /**
   * Locks up to {@code limit} orders that have been in PENDING, PAID or RESERVED since before
   * {@code before}, skipping orders another transaction holds (another instance's sweeper, or a
   * saga event being applied): several instances sweep side by side without waiting or doubling.
   */
  public List<Order> lockStuck(Instant before, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + """
         FROM orders WHERE status IN ('PENDING', 'PAID', 'RESERVED') AND status_since < :before
        ORDER BY status_since LIMIT :limit FOR UPDATE SKIP LOCKED
        """).param("before", Timestamp.from(before)).param("limit", limit).query(orders).list();
  }

  /** Writes what the saga changes: status, tracking number, cancellation reason, times. */
  public void update(Order order) {
    jdbc.sql("""
        UPDATE orders SET status = :status, tracking_number = :tracking, cancellation_reason = :reason,
                          updated_at = :updated, status_since = :since
        WHERE id = :id
        """)
        .param("status", order.status().name()).param("tracking", order.trackingNumber())
        .param("reason", order.cancellationReason() == null ? null : order.cancellationReason().code())
        .param("updated", Timestamp.from(order.updatedAt())).param("since", Timestamp.from(order.statusSince()))
        .param("id", order.id()).update();
  }

  public void addTimeline(UUID orderId, List<TimelineEntry> entries) {
    for (TimelineEntry entry : entries) {
      jdbc.sql("INSERT INTO order_timeline (order_id, step, at, detail, ignored) VALUES (:id, :step, :at, :detail, :ignored)")
          .param("id", orderId).param("step", entry.step()).param("at", Timestamp.from(entry.at()))
          .param("detail", entry.detail()).param("ignored", entry.ignored()).update();
    }
  }

  public List<TimelineEntry> timeline(UUID orderId) {
    return jdbc.sql("SELECT step, at, detail, ignored FROM order_timeline WHERE order_id = :id ORDER BY seq")
        .param("id", orderId)
        .query((rs, n) -> new TimelineEntry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getBoolean(4)))
        .list();
  }

  /**
   * A page of the user's orders, newest first, starting strictly after ({@code afterCreatedAt},
   * {@code afterId}) when given: keyset paging, so orders placed meanwhile never shift a page.
   */
  public List<Order> page(String userId, @Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
    String after = afterCreatedAt == null ? "" : " AND (created_at, id) < (:at, :after)";
    var sql = jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE user_id = :user" + after
        + " ORDER BY created_at DESC, id DESC LIMIT :limit").param("user", userId).param("limit", limit);
    if (afterCreatedAt != null) {
      sql = sql.param("at", Timestamp.from(afterCreatedAt)).param("after", afterId);
    }
    return sql.query(orders).list();
  }

  private Order order(ResultSet rs, int row) throws SQLException {
    String currency = rs.getString("currency");
    String reason = rs.getString("cancellation_reason");
    return new Order(rs.getObject("id", UUID.class), rs.getString("user_id"), OrderStatus.valueOf(rs.getString("status")),
        json.readValue(rs.getString("items"), LINES), new Money(rs.getBigDecimal("total"), currency),
        json.readValue(rs.getString("shipping_address"), ShippingAddress.class), rs.getString("payment_method"),
        rs.getBoolean("from_cart"), rs.getString("tracking_number"),
        reason == null ? null : CancellationReason.ofCode(reason), instant(rs, "created_at"),
        instant(rs, "updated_at"), instant(rs, "status_since"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }
}
