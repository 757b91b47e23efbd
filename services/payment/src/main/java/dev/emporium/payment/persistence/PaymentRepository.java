package dev.emporium.payment.persistence;

import dev.emporium.payment.payments.Payment;
import dev.emporium.payment.payments.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code payments} table: one row per order. */
@Repository
public class PaymentRepository {

  private static final TypeReference<List<Payment.Item>> ITEMS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TRACE_CONTEXT = new TypeReference<>() {};
  private static final String COLUMNS = """
      order_id, payment_id, user_id, amount, currency, payment_method, items, status, processor_charge_id,
      decline_code, failure_reason, failure_detail, attempts, refund_id, refunded_amount, cancel_reason,
      claim_token, claimed_until, next_attempt_at, wait_rounds, uncertain, created_at""";

  private final JdbcClient jdbc;
  private final JsonMapper mapper;

  public PaymentRepository(JdbcClient jdbc, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** A payment a charger run has taken, with the trace context its processor call continues. */
  public record Claimed(Payment payment, Map<String, String> traceContext) {}

  /**
   * Inserts the order's payment. A concurrent insert for the same order waits on the primary key
   * and then finds it taken.
   *
   * @param traceContext the W3C trace context the charge is to continue
   * @return false when the order already has a payment
   */
  public boolean insert(Payment p, Map<String, String> traceContext) {
    return jdbc.sql("""
        INSERT INTO payments (order_id, payment_id, user_id, amount, currency, payment_method, items, status,
            failure_reason, failure_detail, cancel_reason, next_attempt_at, trace_context, created_at, updated_at)
        VALUES (:order, :paymentId, :user, :amount, :currency, :method, CAST(:items AS jsonb), :status,
            :failureReason, :failureDetail, :cancelReason, :next, CAST(:trace AS jsonb), :now, :now)
        ON CONFLICT (order_id) DO NOTHING
        """)
        .param("order", p.orderId()).param("paymentId", p.paymentId()).param("user", p.userId())
        .param("amount", p.amount()).param("currency", p.currency()).param("method", p.paymentMethod())
        .param("items", mapper.writeValueAsString(p.items())).param("status", p.status().name())
        .param("failureReason", p.failureReason()).param("failureDetail", p.failureDetail())
        .param("cancelReason", p.cancelReason()).param("next", ts(p.nextAttemptAt()))
        .param("trace", mapper.writeValueAsString(traceContext)).param("now", ts(p.createdAt()))
        .update() == 1;
  }

  /** Makes the payment's next processor call (a refund) continue the trace of {@code traceContext}. */
  public void continueTraceOf(String orderId, Map<String, String> traceContext) {
    jdbc.sql("UPDATE payments SET trace_context = CAST(:trace AS jsonb) WHERE order_id = :order")
        .param("trace", mapper.writeValueAsString(traceContext)).param("order", orderId).update();
  }

  /**
   * Serialises this transaction with any other one about the same order until it ends, including
   * one about to insert the order's first row (which no row lock can cover). An order's events come
   * in order on one partition, so this only matters when a rebalance hands it over mid-flight.
   */
  public void lockOrder(String orderId) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:order, 0))").param("order", orderId)
        .query((rs, n) -> 1).single();
  }

  public Optional<Payment> find(String orderId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :order").param("order", orderId)
        .query(this::map).optional();
  }

  /** The order's payment, locking its row until the transaction ends. */
  public Optional<Payment> lock(String orderId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :order FOR UPDATE").param("order", orderId)
        .query(this::map).optional();
  }

  /**
   * Takes up to {@code limit} due payments (PENDING to charge, REFUNDING to refund) for one charger
   * run: marks them with {@code token} until {@code now + lease}. Rows another instance holds, or
   * that another transaction has locked, are skipped, so instances share the work without waiting.
   */
  public List<Claimed> claimDue(Instant now, int limit, Duration lease, UUID token) {
    return jdbc.sql("""
        UPDATE payments SET claim_token = :token, claimed_until = :until, updated_at = :now
        WHERE order_id IN (
            SELECT order_id FROM payments
            WHERE status IN ('PENDING', 'REFUNDING') AND next_attempt_at <= :now
              AND (claimed_until IS NULL OR claimed_until < :now)
            ORDER BY next_attempt_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED)
        RETURNING trace_context::text AS trace_context,\s""" + COLUMNS)
        .param("token", token).param("until", ts(now.plus(lease))).param("now", ts(now)).param("limit", limit)
        .query((rs, n) -> new Claimed(map(rs, n), mapper.readValue(rs.getString("trace_context"), TRACE_CONTEXT)))
        .list();
  }

  /** Writes every mutable column of {@code p} back. */
  public void update(Payment p, Instant now) {
    jdbc.sql("""
        UPDATE payments SET status = :status, processor_charge_id = :charge, decline_code = :decline,
            failure_reason = :failureReason, failure_detail = :failureDetail, attempts = :attempts,
            refund_id = :refund, refunded_amount = :refunded, cancel_reason = :cancelReason,
            claim_token = :token, claimed_until = :until, next_attempt_at = :next, wait_rounds = :rounds,
            uncertain = :uncertain, updated_at = :now
        WHERE order_id = :order
        """)
        .param("status", p.status().name()).param("charge", p.processorChargeId()).param("decline", p.declineCode())
        .param("failureReason", p.failureReason()).param("failureDetail", p.failureDetail())
        .param("attempts", p.attempts()).param("refund", p.refundId()).param("refunded", p.refundedAmount())
        .param("cancelReason", p.cancelReason()).param("token", p.claimToken())
        .param("until", p.claimedUntil() == null ? null : ts(p.claimedUntil())).param("next", ts(p.nextAttemptAt()))
        .param("rounds", p.waitRounds()).param("uncertain", p.uncertain()).param("now", ts(now)).param("order", p.orderId())
        .update();
  }

  private Payment map(ResultSet rs, int row) throws SQLException {
    Timestamp claimedUntil = rs.getTimestamp("claimed_until");
    return new Payment(rs.getString("order_id"), rs.getObject("payment_id", UUID.class), rs.getString("user_id"),
        rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("payment_method"),
        mapper.readValue(rs.getString("items"), ITEMS), PaymentStatus.valueOf(rs.getString("status")),
        rs.getString("processor_charge_id"), rs.getString("decline_code"), rs.getString("failure_reason"),
        rs.getString("failure_detail"), rs.getInt("attempts"), rs.getString("refund_id"),
        rs.getBigDecimal("refunded_amount"), rs.getString("cancel_reason"), rs.getObject("claim_token", UUID.class),
        claimedUntil == null ? null : claimedUntil.toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
        rs.getInt("wait_rounds"), rs.getBoolean("uncertain"), rs.getTimestamp("created_at").toInstant());
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
