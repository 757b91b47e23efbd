package dev.emporium.cart.store;

import dev.emporium.cart.cart.Cart;
import dev.emporium.cart.cart.CartStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Carts in the {@code carts} table. A row past its {@code expires_at} reads as no cart and may be
 * overwritten as if absent, so expiry is exact even before {@link ExpiredCartSweeper} deletes it.
 * Each write is one conditional statement on the version it was read at.
 */
public class PostgresCartStore implements CartStore {

  private final JdbcClient jdbc;
  private final CartLinesJson json;
  private final Clock clock;

  public PostgresCartStore(JdbcClient jdbc, CartLinesJson json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Cart load(String userId) {
    return jdbc.sql("""
        SELECT user_id, lines::text AS lines, version, updated_at, expires_at FROM carts
        WHERE user_id = :userId AND expires_at > :now
        """).param("userId", userId).param("now", Timestamp.from(clock.instant()))
        .query(this::map).optional().orElseGet(() -> Cart.empty(userId));
  }

  @Override
  public @Nullable Cart save(Cart cart) {
    Instant now = clock.instant();
    var statement = cart.version() == 0
        // Absent, or expired (which counts as absent): insert, or overwrite the expired row.
        ? jdbc.sql("""
            INSERT INTO carts (user_id, lines, version, updated_at, expires_at)
            VALUES (:userId, CAST(:lines AS jsonb), 1, :updatedAt, :expiresAt)
            ON CONFLICT (user_id) DO UPDATE SET lines = excluded.lines, version = 1,
                updated_at = excluded.updated_at, expires_at = excluded.expires_at
            WHERE carts.expires_at <= :now
            """)
        : jdbc.sql("""
            UPDATE carts SET lines = CAST(:lines AS jsonb), version = version + 1, updated_at = :updatedAt,
                expires_at = :expiresAt
            WHERE user_id = :userId AND version = :version AND expires_at > :now
            """).param("version", cart.version());
    int rows = statement.param("userId", cart.userId())
        .param("lines", json.write(cart.lines()))
        .param("updatedAt", Timestamp.from(required(cart.updatedAt())))
        .param("expiresAt", Timestamp.from(required(cart.expiresAt())))
        .param("now", Timestamp.from(now))
        .update();
    long version = cart.version() == 0 ? 1 : cart.version() + 1;
    return rows == 1 ? new Cart(cart.userId(), cart.lines(), version, cart.updatedAt(), cart.expiresAt()) : null;
  }

  @Override
  public void delete(String userId) {
    jdbc.sql("DELETE FROM carts WHERE user_id = :userId").param("userId", userId).update();
  }

  @Override
  public void check() {
    jdbc.sql("SELECT 1").query(Integer.class).single();
  }

  /** Deletes up to {@code limit} expired carts; returns how many it deleted. */
  public int deleteExpired(int limit) {
    return jdbc.sql("""
        DELETE FROM carts WHERE user_id IN (
          SELECT user_id FROM carts WHERE expires_at <= :now ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
        AND expires_at <= :now
        """).param("now", Timestamp.from(clock.instant())).param("limit", limit).update();
  }

  private Cart map(ResultSet rs, int row) throws SQLException {
    return new Cart(rs.getString("user_id"), json.read(rs.getString("lines")), rs.getLong("version"),
        rs.getTimestamp("updated_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
  }

  private static Instant required(@Nullable Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("a cart is written with its updatedAt and expiresAt (Cart.touched)");
    }
    return instant;
  }
}
