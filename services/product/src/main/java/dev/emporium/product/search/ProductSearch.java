package dev.emporium.product.search;

import dev.emporium.product.ProductProperties;
import dev.emporium.product.catalog.Product;
import dev.emporium.product.persistence.ProductRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds active products. With text: PostgreSQL full-text search ({@code websearch_to_tsquery} over
 * name, category and description, stemmed in English, so "headphone" finds "Headphones") or, for
 * typos, trigram word similarity to the name ({@code <%} at {@code typo-threshold}, so "hedphone"
 * finds "Headphones"), ranked by the sum of both scores. Without text: by name. Both page with a keyset {@link Cursor}.
 */
@Component
public class ProductSearch {

  private static final String SCORE = "(ts_rank(p.search_vector, websearch_to_tsquery('english', :q)) "
      + "+ word_similarity(:q, p.name))::float8";

  private final JdbcClient jdbc;
  private final ProductRepository products;

  private final double typoThreshold;

  ProductSearch(JdbcClient jdbc, ProductRepository products, ProductProperties properties) {
    this.jdbc = jdbc;
    this.products = products;
    this.typoThreshold = properties.typoThreshold();
  }

  @Transactional(readOnly = true)
  public SearchPage search(SearchQuery query) {
    Cursor after = query.cursor() == null ? null : Cursor.decode(query.cursor(), query);
    Map<String, Object> params = new LinkedHashMap<>();
    List<String> where = new ArrayList<>(List.of("p.active"));
    if (query.category() != null) {
      where.add("p.category = :category");
      params.put("category", query.category());
    }
    String sql;
    if (query.isTextSearch()) {
      // For this transaction only: how similar a misspelt word must be for <% to count it a match.
      jdbc.sql("SELECT set_config('pg_trgm.word_similarity_threshold', :threshold, true)")
          .param("threshold", Double.toString(typoThreshold)).query(String.class).single();
      params.put("q", query.text());
      where.add("(p.search_vector @@ websearch_to_tsquery('english', :q) OR :q <% p.name)");
      String inner = "SELECT " + ProductRepository.COLUMNS + ", " + SCORE + " AS score FROM products p WHERE "
          + String.join(" AND ", where);
      String keyset = "";
      if (after != null) {
        keyset = " WHERE (s.score < :afterScore OR (s.score = :afterScore AND s.id < :afterId))";
        params.put("afterScore", after.score());
        params.put("afterId", after.id());
      }
      sql = "SELECT * FROM (" + inner + ") s" + keyset + " ORDER BY s.score DESC, s.id DESC LIMIT :limit";
    } else {
      if (after != null) {
        where.add("(p.name, p.id) > (:afterName, :afterId)");
        params.put("afterName", after.name());
        params.put("afterId", after.id());
      }
      sql = "SELECT " + ProductRepository.COLUMNS + " FROM products p WHERE " + String.join(" AND ", where)
          + " ORDER BY p.name, p.id LIMIT :limit";
    }
    params.put("limit", query.limit() + 1);

    List<Scored> rows = jdbc.sql(sql).params(params).query((rs, n) -> new Scored(products.map(rs, n),
        query.isTextSearch() ? rs.getDouble("score") : null)).list();
    if (rows.size() <= query.limit()) {
      return new SearchPage(rows.stream().map(Scored::product).toList(), null);
    }
    List<Scored> page = rows.subList(0, query.limit());
    Scored last = page.getLast();
    String next = new Cursor(query.fingerprint(), last.score(), query.isTextSearch() ? null : last.product().name(),
        last.product().id()).encode();
    return new SearchPage(page.stream().map(Scored::product).toList(), next);
  }

  private record Scored(Product product, Double score) {}
}
