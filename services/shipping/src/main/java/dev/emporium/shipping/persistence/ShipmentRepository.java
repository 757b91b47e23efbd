package dev.emporium.shipping.persistence;

import dev.emporium.shipping.shipment.Address;
import dev.emporium.shipping.shipment.OrderItem;
import dev.emporium.shipping.shipment.PickLine;
import dev.emporium.shipping.shipment.Shipment;
import dev.emporium.shipping.shipment.ShipmentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code shipments} table, with plain SQL (JdbcClient). */
@Repository
public class ShipmentRepository {

  private static final String COLUMNS = """
      id, order_id, user_id, tracking_number, carrier, status, destination, items, lines, created_at, updated_at,
      dispatched_at, delivered_at, cancelled_at, cancel_reason""";

  private final JdbcClient jdbc;
  private final Json json;

  public ShipmentRepository(JdbcClient jdbc, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.json = new Json(mapper);
  }

  /** The next serial for a tracking number (a sequence: unique, never handed out twice). */
  public long nextSerial() {
    return jdbc.sql("SELECT nextval('shipment_serial')").query(Long.class).single();
  }

  public void insert(Shipment shipment) {
    jdbc.sql("""
        INSERT INTO shipments (id, order_id, user_id, tracking_number, carrier, status, destination, items, lines,
          created_at, updated_at)
        VALUES (:id, :order, :user, :tracking, :carrier, :status, CAST(:destination AS jsonb), CAST(:items AS jsonb),
          CAST(:lines AS jsonb), :created, :created)
        """).param("id", shipment.id()).param("order", shipment.orderId()).param("user", shipment.userId())
        .param("tracking", shipment.trackingNumber()).param("carrier", shipment.carrier())
        .param("status", shipment.status().name()).param("destination", json.write(shipment.destination()))
        .param("items", json.write(shipment.items())).param("lines", json.write(shipment.lines()))
        .param("created", Timestamp.from(shipment.createdAt())).update();
  }

  public Optional<Shipment> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM shipments WHERE id = :id").param("id", id).query(this::map)
        .optional();
  }

  public Optional<Shipment> findByOrder(String orderId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM shipments WHERE order_id = :order").param("order", orderId)
        .query(this::map).optional();
  }

  /** The shipment, locked until the transaction ends (admins' moves and cancellations queue on it). */
  public Optional<Shipment> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM shipments WHERE id = :id FOR UPDATE").param("id", id)
        .query(this::map).optional();
  }

  public Optional<Shipment> lockByOrder(String orderId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM shipments WHERE order_id = :order FOR UPDATE")
        .param("order", orderId).query(this::map).optional();
  }

  /** Moves a shipment the caller has locked to {@code status}, stamping the matching time. */
  public Shipment move(UUID id, ShipmentStatus status, @Nullable String cancelReason, Instant now) {
    String stamp = switch (status) {
      case DISPATCHED -> "dispatched_at";
      case DELIVERED -> "delivered_at";
      case CANCELLED -> "cancelled_at";
      case CREATED -> throw new IllegalArgumentException("a shipment never moves back to CREATED");
    };
    return jdbc.sql("UPDATE shipments SET status = :status, " + stamp + " = :now, updated_at = :now, "
            + "cancel_reason = coalesce(CAST(:reason AS text), cancel_reason) WHERE id = :id RETURNING " + COLUMNS)
        .param("status", status.name()).param("now", Timestamp.from(now)).param("reason", cancelReason)
        .param("id", id).query(this::map).single();
  }

  private Shipment map(ResultSet rs, int row) throws SQLException {
    return new Shipment(rs.getObject("id", UUID.class), rs.getString("order_id"), rs.getString("user_id"),
        rs.getString("tracking_number"), rs.getString("carrier"), ShipmentStatus.valueOf(rs.getString("status")),
        json.read(rs.getString("destination"), Address.class), json.readList(rs.getString("items"), OrderItem.class),
        json.readList(rs.getString("lines"), PickLine.class), instant(rs, "created_at"), instant(rs, "updated_at"),
        instant(rs, "dispatched_at"), instant(rs, "delivered_at"), instant(rs, "cancelled_at"),
        rs.getString("cancel_reason"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
