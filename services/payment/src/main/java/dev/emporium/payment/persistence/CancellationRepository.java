package dev.emporium.payment.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code cancellations}: every order whose OrderCancelled arrived, known or not yet. */
@Repository
public class CancellationRepository {

  private final JdbcClient jdbc;

  public CancellationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return false when the order's cancellation was already recorded */
  public boolean insert(String orderId, @Nullable String userId, String reason, Instant now) {
    return jdbc.sql("""
        INSERT INTO cancellations (order_id, user_id, reason, received_at) VALUES (:order, :user, :reason, :now)
        ON CONFLICT (order_id) DO NOTHING
        """).param("order", orderId).param("user", userId).param("reason", reason).param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** The reason of the order's cancellation, if it was cancelled. */
  public java.util.Optional<String> reason(String orderId) {
    return jdbc.sql("SELECT reason FROM cancellations WHERE order_id = :order").param("order", orderId)
        .query(String.class).optional();
  }
}
