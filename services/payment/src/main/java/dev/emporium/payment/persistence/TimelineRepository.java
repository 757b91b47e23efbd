package dev.emporium.payment.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payment_timeline}: what happened to each payment, in order. */
@Repository
public class TimelineRepository {

  public record Step(String step, @Nullable String detail, Instant at) {}

  private final JdbcClient jdbc;

  public TimelineRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(String orderId, String step, @Nullable String detail, Instant at) {
    jdbc.sql("INSERT INTO payment_timeline (order_id, step, detail, at) VALUES (:order, :step, :detail, :at)")
        .param("order", orderId).param("step", step).param("detail", detail).param("at", Timestamp.from(at)).update();
  }

  public List<Step> of(String orderId) {
    return jdbc.sql("SELECT step, detail, at FROM payment_timeline WHERE order_id = :order ORDER BY id")
        .param("order", orderId)
        .query((rs, n) -> new Step(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
  }
}
