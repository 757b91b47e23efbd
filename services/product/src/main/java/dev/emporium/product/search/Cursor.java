package dev.emporium.product.search;

import dev.emporium.platform.service.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where the previous page ended, in the sort order of its query: (score, id) for a text search,
 * (name, id) for browsing. Keyset pagination: the next page starts strictly after that key, so
 * products added or removed meanwhile neither repeat nor skip the ones a client has not yet seen.
 * Clients see an opaque base64url string; it also names its query, so it cannot be reused for
 * another one.
 */
record Cursor(String fingerprint, @Nullable Double score, @Nullable String name, UUID id) {

  private static final char SEPARATOR = '\u001f';

  String encode() {
    String raw = "v1" + SEPARATOR + fingerprint + SEPARATOR + (score == null ? "" : Double.toString(score))
        + SEPARATOR + id + SEPARATOR + (name == null ? "" : name);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String encoded, SearchQuery query) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      String[] parts = raw.split(String.valueOf(SEPARATOR), 5);
      if (parts.length != 5 || !parts[0].equals("v1")) {
        throw invalid();
      }
      if (!parts[1].equals(query.fingerprint())) {
        throw ProblemException.badRequest("This cursor belongs to another query: repeat the query with which you "
            + "got it, or start again without a cursor.");
      }
      Double score = parts[2].isEmpty() ? null : Double.valueOf(parts[2]);
      String name = parts[4].isEmpty() ? null : parts[4];
      if (query.isTextSearch() ? score == null : name == null) {
        throw invalid();
      }
      return new Cursor(parts[1], score, name, UUID.fromString(parts[3]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ProblemException invalid() {
    return ProblemException.badRequest("The cursor is not valid: use the nextCursor of a previous page.");
  }
}
