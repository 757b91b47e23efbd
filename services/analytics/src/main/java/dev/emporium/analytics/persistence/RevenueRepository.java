package dev.emporium.analytics.persistence;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The captured {@code payments} and their {@code refunds}, one row each per payment id. */
@Repository
public class RevenueRepository {

  private final JdbcClient jdbc;

  public RevenueRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return whether the payment is new (a replay of a known payment id is not revenue again) */
  public boolean recordPayment(String paymentId, String orderId, BigDecimal amount, String currency, Instant at) {
    return jdbc.sql("""
        INSERT INTO payments (payment_id, order_id, amount, currency, processed_at)
        VALUES (:payment, :order, :amount, :currency, :at) ON CONFLICT (payment_id) DO NOTHING
        """).param("payment", paymentId).param("order", orderId).param("amount", amount).param("currency", currency)
        .param("at", Timestamp.from(at)).update() == 1;
  }

  /** @return whether the refund is new (a payment is refunded once) */
  public boolean recordRefund(String paymentId, String orderId, BigDecimal amount, String currency, Instant at) {
    return jdbc.sql("""
        INSERT INTO refunds (payment_id, order_id, amount, currency, refunded_at)
        VALUES (:payment, :order, :amount, :currency, :at) ON CONFLICT (payment_id) DO NOTHING
        """).param("payment", paymentId).param("order", orderId).param("amount", amount).param("currency", currency)
        .param("at", Timestamp.from(at)).update() == 1;
  }
}
