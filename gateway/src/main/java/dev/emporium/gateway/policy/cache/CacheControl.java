package dev.emporium.gateway.policy.cache;

import java.util.List;
import java.util.Locale;

/**
 * The directives of {@code Cache-Control} fields (RFC 9111 §5.2) that the cache acts on. Every
 * field of the header is read; an unknown directive is ignored, a malformed number counts as
 * absent, as the RFC asks.
 *
 * @param maxAge {@code max-age} in seconds, or -1
 * @param sMaxAge {@code s-maxage} in seconds, or -1
 * @param staleIfError {@code stale-if-error} in seconds (RFC 5861), or -1
 */
record CacheControl(
    boolean noStore,
    boolean noCache,
    boolean isPrivate,
    boolean isPublic,
    boolean mustRevalidate,
    long maxAge,
    long sMaxAge,
    long staleIfError) {

  static final CacheControl NONE = new CacheControl(false, false, false, false, false, -1, -1, -1);

  static CacheControl parse(List<String> fields) {
    if (fields == null || fields.isEmpty()) return NONE;
    boolean noStore = false;
    boolean noCache = false;
    boolean isPrivate = false;
    boolean isPublic = false;
    boolean mustRevalidate = false;
    long maxAge = -1;
    long sMaxAge = -1;
    long staleIfError = -1;
    for (String field : fields) {
      for (String directive : splitOutsideQuotes(field)) {
        String d = directive.trim();
        if (d.isEmpty()) continue;
        int eq = d.indexOf('=');
        String name = (eq < 0 ? d : d.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? null : unquote(d.substring(eq + 1).trim());
        switch (name) {
          case "no-store" -> noStore = true;
          // A qualified no-cache="field" or private="field" is read as the whole directive: stricter,
          // and the cache never has to drop single fields of a stored response.
          case "no-cache" -> noCache = true;
          case "private" -> isPrivate = true;
          case "public" -> isPublic = true;
          case "must-revalidate", "proxy-revalidate" -> mustRevalidate = true;
          case "max-age" -> maxAge = seconds(value, maxAge);
          case "s-maxage" -> sMaxAge = seconds(value, sMaxAge);
          case "stale-if-error" -> staleIfError = seconds(value, staleIfError);
          default -> { }
        }
      }
    }
    return new CacheControl(noStore, noCache, isPrivate, isPublic, mustRevalidate, maxAge, sMaxAge, staleIfError);
  }

  /** Explicitly shareable among users: {@code public}, or {@code s-maxage} which only shared caches read. */
  boolean explicitlyPublic() {
    return isPublic || sMaxAge >= 0;
  }

  private static long seconds(String value, long previous) {
    if (value == null || value.isEmpty()) return previous;
    for (int i = 0; i < value.length(); i++) {
      if (!Character.isDigit(value.charAt(i))) return previous;
    }
    // RFC 9111 §1.2.2: a delta too large to represent is taken as 2^31.
    if (value.length() > 10) return Integer.MAX_VALUE;
    return Math.min(Long.parseLong(value), Integer.MAX_VALUE);
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"' ? v.substring(1, v.length() - 1) : v;
  }

  private static List<String> splitOutsideQuotes(String field) {
    List<String> parts = new java.util.ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) {
        parts.add(field.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(field.substring(start));
    return parts;
  }
}
