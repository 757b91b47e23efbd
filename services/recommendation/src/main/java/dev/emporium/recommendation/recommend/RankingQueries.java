package dev.emporium.recommendation.recommend;

import dev.emporium.recommendation.catalog.ProductRepository;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side: each ranking is one indexed query returning active, known products only, best
 * first, ties broken by product id so that equal data always gives equal answers. None of them
 * recomputes pair counts: they read what {@code PurchaseHistory} maintains.
 */
@Repository
class RankingQueries {

  private static final String COLUMNS =
      "p.product_id, p.version, p.name, p.price_amount, p.price_currency, p.category, p.active, p.created_at";
  private static final RowMapper<Scored> SCORED =
      (rs, n) -> new Scored(ProductRepository.map(rs), rs.getLong("score"));

  private final JdbcClient jdbc;

  RankingQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Products bought in the same completed orders as {@code product}, by the number of those orders. */
  List<Scored> boughtWith(UUID product, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + ", pp.orders AS score"
            + " FROM product_pairs pp JOIN products p ON p.product_id = pp.other_id"
            + " WHERE pp.product_id = :product AND p.active"
            + " ORDER BY pp.orders DESC, pp.other_id LIMIT :limit")
        .param("product", product).param("limit", limit).query(SCORED).list();
  }

  /**
   * Products bought together with the user's most recent purchases ({@code seeds} of them, each
   * contributing its {@code perSeed} most frequent partners), by the summed pair counts; never one
   * the user bought.
   */
  List<Scored> boughtWithHistoryOf(String user, int seeds, int perSeed, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + ", SUM(pp.orders) AS score"
            + " FROM (SELECT product_id FROM purchases WHERE user_id = :user"
            + "        ORDER BY last_bought_at DESC, product_id LIMIT :seeds) s"
            + " CROSS JOIN LATERAL (SELECT other_id, orders FROM product_pairs WHERE product_id = s.product_id"
            + "        ORDER BY orders DESC, other_id LIMIT :perSeed) pp"
            + " JOIN products p ON p.product_id = pp.other_id"
            + " WHERE p.active" + notBoughtBy(user)
            + " GROUP BY p.product_id ORDER BY score DESC, p.product_id LIMIT :limit")
        .param("user", user).param("seeds", seeds).param("perSeed", perSeed).param("limit", limit)
        .query(SCORED).list();
  }

  /** The user's most recent purchases ({@code max} of them): product ids and, where known, categories. */
  History history(String user, int max) {
    List<Object[]> rows = jdbc.sql("""
        SELECT pu.product_id, p.category FROM purchases pu LEFT JOIN products p ON p.product_id = pu.product_id
         WHERE pu.user_id = :user ORDER BY pu.last_bought_at DESC, pu.product_id LIMIT :max
        """).param("user", user).param("max", max)
        .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).list();
    return new History(rows.stream().map(r -> (UUID) r[0]).toList(),
        rows.stream().map(r -> (String) r[1]).filter(c -> c != null).distinct().toList());
  }

  /**
   * Products by units sold in completed orders of the popular window, within {@code categories}
   * unless that is null, leaving out {@code excluded} and, when {@code user} is not null, what that
   * user bought.
   */
  List<Scored> bestSellers(@Nullable Collection<String> categories, Set<UUID> excluded, @Nullable String user,
      int limit) {
    var spec = jdbc.sql("SELECT " + COLUMNS + ", pop.units AS score"
            + " FROM popular_products pop JOIN products p ON p.product_id = pop.product_id"
            + " WHERE p.active" + inCategories(categories) + notExcluded() + notBoughtBy(user)
            + " ORDER BY pop.units DESC, pop.product_id LIMIT :limit")
        .param("excluded", array(excluded)).param("limit", limit);
    return bind(spec, categories, user).query(SCORED).list();
  }

  /** The newest active products (first seen most recently), with the same filters as {@link #bestSellers}. */
  List<Scored> newest(@Nullable Collection<String> categories, Set<UUID> excluded, @Nullable String user, int limit) {
    var spec = jdbc.sql("SELECT " + COLUMNS + ", 0 AS score FROM products p"
            + " WHERE p.active" + inCategories(categories) + notExcluded() + notBoughtBy(user)
            + " ORDER BY p.created_at DESC, p.product_id LIMIT :limit")
        .param("excluded", array(excluded)).param("limit", limit);
    return bind(spec, categories, user).query(SCORED).list();
  }

  /** A user's recent purchases, most recent first, and the categories of those the catalogue copy knows. */
  record History(List<UUID> products, List<String> categories) {

    boolean isEmpty() {
      return products.isEmpty();
    }
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, @Nullable Collection<String> categories,
      @Nullable String user) {
    if (categories != null) {
      spec = spec.param("categories", List.copyOf(categories));
    }
    return user == null ? spec : spec.param("user", user);
  }

  private static String inCategories(@Nullable Collection<String> categories) {
    if (categories == null) {
      return "";
    }
    // An empty list matches nothing; IN () is not SQL.
    return categories.isEmpty() ? " AND false" : " AND p.category IN (:categories)";
  }

  private static String notExcluded() {
    return " AND p.product_id <> ALL (CAST(:excluded AS uuid[]))";
  }

  private static String notBoughtBy(@Nullable String user) {
    return user == null ? ""
        : " AND NOT EXISTS (SELECT 1 FROM purchases b WHERE b.user_id = :user AND b.product_id = p.product_id)";
  }

  /** A PostgreSQL array literal of the ids, bound as text and cast in SQL (ids are UUIDs: nothing to escape). */
  private static String array(Set<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }
}
