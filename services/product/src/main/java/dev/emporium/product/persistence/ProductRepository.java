package dev.emporium.product.persistence;

import dev.emporium.product.catalog.Money;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.catalog.ProductDetails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores products in the {@code products} table with plain SQL (JdbcClient): the table is one
 * aggregate, and its search (in {@code search}) is SQL through and through, so an ORM would add a
 * layer without removing any SQL.
 */
@Repository
public class ProductRepository {

  /** The columns {@link #map} reads; the search selects the same ones. */
  public static final String COLUMNS =
      "id, name, description, price_amount, price_currency, category, attributes::text AS attributes, active, "
          + "version, created_at, updated_at";
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper mapper;

  public ProductRepository(JdbcClient jdbc, JsonMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  public void insert(Product product) {
    jdbc.sql("""
        INSERT INTO products (id, name, description, price_amount, price_currency, category, attributes, active,
                              version, created_at, updated_at)
        VALUES (:id, :name, :description, :amount, :currency, :category, CAST(:attributes AS jsonb), :active,
                :version, :createdAt, :updatedAt)
        """).params(parameters(product)).update();
  }

  /**
   * Writes {@code product} over the row of the previous version.
   *
   * @return false when the row is no longer at the previous version (a concurrent update won)
   */
  public boolean update(Product product) {
    return jdbc.sql("""
        UPDATE products SET name = :name, description = :description, price_amount = :amount,
               price_currency = :currency, category = :category, attributes = CAST(:attributes AS jsonb),
               active = :active, version = :version, updated_at = :updatedAt
        WHERE id = :id AND version = :version - 1
        """).params(parameters(product)).update() == 1;
  }

  public Optional<Product> findById(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id = :id").param("id", id)
        .query(this::map).optional();
  }

  /** Locks the row for the rest of the transaction: the read of a read-modify-write. */
  public Optional<Product> findByIdForUpdate(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id = :id FOR UPDATE").param("id", id)
        .query(this::map).optional();
  }

  public List<Product> findByIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id IN (:ids)").param("ids", ids)
        .query(this::map).list();
  }

  /** Maps a row with {@link #COLUMNS} (the search reads the same columns). */
  public Product map(ResultSet rs, int row) throws SQLException {
    ProductDetails details = new ProductDetails(rs.getString("name"), rs.getString("description"),
        new Money(rs.getBigDecimal("price_amount"), rs.getString("price_currency")), rs.getString("category"),
        mapper.readValue(rs.getString("attributes"), ATTRIBUTES), rs.getBoolean("active"));
    return new Product(rs.getObject("id", UUID.class), details, rs.getLong("version"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }

  private Map<String, Object> parameters(Product product) {
    return Map.ofEntries(
        Map.entry("id", product.id()),
        Map.entry("name", product.name()),
        Map.entry("description", product.details().description()),
        Map.entry("amount", product.price().amount()),
        Map.entry("currency", product.price().currency()),
        Map.entry("category", product.category()),
        Map.entry("attributes", mapper.writeValueAsString(product.attributes())),
        Map.entry("active", product.active()),
        Map.entry("version", product.version()),
        Map.entry("createdAt", Timestamp.from(product.createdAt())),
        Map.entry("updatedAt", Timestamp.from(product.updatedAt())));
  }
}
