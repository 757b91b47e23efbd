package dev.emporium.product.api;

import dev.emporium.product.catalog.Product;
import org.jspecify.annotations.Nullable;

/**
 * Entity tags of products: the version, quoted. A product's representation changes only with its
 * version, so the tag is strong and free to compute (no hashing of bodies).
 */
final class ETags {

  private ETags() {}

  static String of(Product product) {
    return "\"" + product.id() + "-v" + product.version() + "\"";
  }

  /**
   * Whether an {@code If-None-Match} header matches {@code etag} (weak comparison, RFC 9110 13.1.2):
   * {@code *} or any listed tag, with or without {@code W/}.
   */
  static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || strip(tag).equals(strip(etag))) {
        return true;
      }
    }
    return false;
  }

  /** The version an {@code If-Match} tag names, or null when it names none of this product's. */
  static @Nullable Long version(String ifMatch, Product product) {
    String tag = strip(ifMatch.strip());
    String prefix = "\"" + product.id() + "-v";
    if (!tag.startsWith(prefix) || !tag.endsWith("\"")) {
      return null;
    }
    try {
      return Long.parseLong(tag.substring(prefix.length(), tag.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String strip(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
