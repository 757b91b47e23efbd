package dev.emporium.recommendation.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue copy's SQL ({@code products}). */
@Repository
public class ProductRepository {

  private final JdbcClient jdbc;

  ProductRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the product, or replaces the stored one if {@code product} is a newer version; an older
   * or equal version changes nothing. The first appearance is kept as the creation time either way.
   *
   * @return whether the stored product changed
   */
  public boolean saveIfNewer(Product product, Instant changedAt) {
    return jdbc.sql("""
        INSERT INTO products (product_id, version, name, price_amount, price_currency, category, active,
                              created_at, updated_at)
        VALUES (:id, :version, :name, :amount, :currency, :category, :active, :createdAt, :changedAt)
        ON CONFLICT (product_id) DO UPDATE
           SET version = EXCLUDED.version, name = EXCLUDED.name, price_amount = EXCLUDED.price_amount,
               price_currency = EXCLUDED.price_currency, category = EXCLUDED.category, active = EXCLUDED.active,
               created_at = LEAST(products.created_at, EXCLUDED.created_at), updated_at = EXCLUDED.updated_at
         WHERE products.version < EXCLUDED.version
        """)
        .param("id", product.id()).param("version", product.version()).param("name", product.name())
        .param("amount", product.price().amount()).param("currency", product.price().currency())
        .param("category", product.category()).param("active", product.active())
        .param("createdAt", timestamp(product.createdAt())).param("changedAt", timestamp(changedAt))
        .update() == 1;
  }

  public Optional<Product> find(UUID id) {
    return jdbc.sql("""
        SELECT product_id, version, name, price_amount, price_currency, category, active, created_at
          FROM products WHERE product_id = :id
        """).param("id", id).query((rs, n) -> map(rs)).optional();
  }

  /** Maps the columns {@code product_id, version, name, price_amount, price_currency, category, active, created_at}. */
  public static Product map(ResultSet rs) throws SQLException {
    return new Product(rs.getObject("product_id", UUID.class), rs.getLong("version"), rs.getString("name"),
        new Money(rs.getBigDecimal("price_amount"), rs.getString("price_currency")),
        rs.getString("category"), rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant());
  }

  private static java.time.OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
