package dev.emporium.gateway.policy.cache;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Set;

/** A client's {@code If-None-Match} and {@code If-Modified-Since} against a response's validators (RFC 9110 §13). */
final class Conditionals {

  /** Fields a 304 carries (RFC 9110 §15.4.5), besides the cache's own. */
  static final Set<String> NOT_MODIFIED_FIELDS = Set.of("cache-control", "content-location", "date", "etag",
      "expires", "vary", "last-modified");

  private Conditionals() {}

  static boolean present(MultiMap request) {
    return request.contains(HttpHeaders.IF_NONE_MATCH) || request.contains(HttpHeaders.IF_MODIFIED_SINCE);
  }

  /** Whether the client's copy is current, so that it may get a 304. */
  static boolean notModified(MultiMap request, String etag, String lastModified) {
    java.util.List<String> inm = request.getAll(HttpHeaders.IF_NONE_MATCH);
    if (!inm.isEmpty()) {
      if (etag == null) return false;
      String tag = opaque(etag);
      for (String field : inm) {
        for (String candidate : field.split(",")) {
          String c = candidate.trim();
          if (c.equals("*") || opaque(c).equals(tag)) return true;
        }
      }
      return false;
    }
    String since = request.get(HttpHeaders.IF_MODIFIED_SINCE);
    if (since == null || lastModified == null) return false;
    Long clientDate = Lifetimes.httpDate(since);
    Long modified = Lifetimes.httpDate(lastModified);
    return clientDate != null && modified != null && modified <= clientDate;
  }

  /** Weak comparison: {@code W/"x"} and {@code "x"} are the same tag. */
  private static String opaque(String tag) {
    String t = tag.trim();
    return t.startsWith("W/") ? t.substring(2) : t;
  }

  /** The headers of a 304 made from a full response's headers. */
  static MultiMap notModifiedHeaders(MultiMap full) {
    MultiMap out = HttpHeaders.headers();
    full.forEach(e -> {
      if (NOT_MODIFIED_FIELDS.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) out.add(e.getKey(), e.getValue());
    });
    return out;
  }
}
