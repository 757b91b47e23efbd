package dev.emporium.analytics.persistence;

import dev.emporium.analytics.ingest.SagaStep;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code order_facts}: when each order reached each step of the saga. */
@Repository
public class OrderFactsRepository {

  private final JdbcClient jdbc;

  public OrderFactsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that {@code orderId} reached {@code step} at {@code at}, unless an earlier event already
   * said so. One statement: concurrent listeners of one order (its steps come from four topics)
   * cannot both set a step.
   *
   * @param cancelReason stored with {@link SagaStep#CANCELLED}, ignored otherwise
   * @return whether the step is new for this order (then it counts)
   */
  public boolean reach(String orderId, SagaStep step, Instant at, @Nullable String cancelReason) {
    String column = step.column();
    return jdbc.sql("INSERT INTO order_facts (order_id, " + column + ", cancel_reason, updated_at) "
            + "VALUES (:order, :at, :reason, now()) ON CONFLICT (order_id) DO UPDATE SET " + column + " = EXCLUDED."
            + column + ", cancel_reason = coalesce(EXCLUDED.cancel_reason, order_facts.cancel_reason), "
            + "updated_at = EXCLUDED.updated_at WHERE order_facts." + column + " IS NULL")
        .param("order", orderId).param("at", Timestamp.from(at))
        .param("reason", step == SagaStep.CANCELLED ? cancelReason : null, Types.VARCHAR).update() == 1;
  }

  /** The funnel of the orders created in [from, to): how many of them reached each step. */
  public Funnel funnel(Instant from, Instant to) {
    return jdbc.sql("""
        SELECT count(*), count(paid_at), count(reserved_at), count(shipped_at), count(completed_at), count(cancelled_at)
        FROM order_facts WHERE created_at >= :from AND created_at < :to
        """).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, n) -> new Funnel(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6))).single();
  }

  /** How many orders created in a range reached each step. */
  public record Funnel(long created, long paid, long reserved, long shipped, long completed, long cancelled) {}
}
