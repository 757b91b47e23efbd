package dev.emporium.product.search;

import org.jspecify.annotations.Nullable;

/**
 * A page request: optional free text {@code q}, optional category, page size, and the cursor of the
 * previous page (null for the first).
 */
public record SearchQuery(@Nullable String text, @Nullable String category, int limit, @Nullable String cursor) {

  public SearchQuery {
    text = text == null || text.isBlank() ? null : text.strip();
    category = category == null || category.isBlank() ? null : category.strip().toLowerCase(java.util.Locale.ROOT);
    cursor = cursor == null || cursor.isBlank() ? null : cursor;
  }

  boolean isTextSearch() {
    return text != null;
  }

  /** Which query a cursor belongs to: a cursor is only valid for the query that produced it. */
  String fingerprint() {
    return Integer.toHexString(java.util.Objects.hash(text, category));
  }
}
