package dev.emporium.gateway.policy.cache;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where a request's response is stored. The base covers the route, the client's normalized path,
 * the path and query as they go upstream (query parameters in a stable order), and never the
 * method: GET fills an entry and HEAD is answered from it. A variant adds the scope (public, or a
 * hash of the caller's identity) and the values of the request headers the response varies on.
 *
 * @param route the route's name
 * @param path the client's normalized path
 * @param base the key of the vary record, which says what the variants vary on
 * @param identity a hash of the caller's identity headers (never the values themselves)
 */
record CacheKey(String route, String path, String base, String identity) {

  static final String PUBLIC = "*";

  static CacheKey of(String route, String normalizedPath, String upstreamPath, String upstreamQuery,
      MultiMap upstreamHeaders, List<String> identityHeaders) {
    String query = normalizeQuery(upstreamQuery);
    String base = route + '\n' + normalizedPath + '\n' + upstreamPath + '\n' + query;
    return new CacheKey(route, normalizedPath, base, identity(upstreamHeaders, identityHeaders));
  }

  /** The key of the variant for a scope and the request's values of the vary headers. */
  String variant(String scope, List<String> varyNames, List<String> varyValues) {
    StringBuilder sb = new StringBuilder(base.length() + 64).append(base).append('\n').append(scope);
    for (int i = 0; i < varyNames.size(); i++) sb.append('\n').append(varyNames.get(i)).append(':').append(varyValues.get(i));
    return sb.toString();
  }

  /** The request's value of each vary header, all its fields joined; "" when absent. */
  static List<String> varyValues(List<String> names, MultiMap headers) {
    if (names.isEmpty()) return List.of();
    List<String> values = new ArrayList<>(names.size());
    for (String name : names) {
      List<String> all = headers.getAll(name);
      values.add(all.isEmpty() ? "" : String.join(", ", all.stream().map(String::trim).toList()));
    }
    return values;
  }

  /** The header names a {@code Vary} lists: lower case, sorted, without duplicates; null for {@code *}. */
  static List<String> varyNames(List<String> varyFields) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (String field : varyFields) {
      for (String part : field.split(",")) {
        String n = part.trim().toLowerCase(Locale.ROOT);
        if (n.equals("*")) return null;
        if (!n.isEmpty()) names.add(n);
      }
    }
    return List.copyOf(names);
  }

  static String identity(MultiMap headers, List<String> identityHeaders) {
    MessageDigest digest = sha256();
    boolean any = false;
    for (String name : identityHeaders) {
      for (String value : headers.getAll(name)) {
        any = true;
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
    }
    return any ? "u:" + HexFormat.of().formatHex(digest.digest(), 0, 16) : "anonymous";
  }

  static String sha256Hex(String s) {
    return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parameters sorted by name (values of one name keep their order, which may matter to the
   * upstream), empty parameters dropped, and percent-escapes of unreserved characters decoded so
   * that {@code q=%61} and {@code q=a} share an entry.
   */
  static String normalizeQuery(String query) {
    if (query == null || query.isEmpty()) return "";
    List<String> params = new ArrayList<>();
    for (String p : query.split("&")) {
      if (!p.isEmpty()) params.add(decodeUnreserved(p));
    }
    params.sort((a, b) -> name(a).compareTo(name(b)));
    return String.join("&", params);
  }

  private static String name(String param) {
    int eq = param.indexOf('=');
    return eq < 0 ? param : param.substring(0, eq);
  }

  private static String decodeUnreserved(String s) {
    if (s.indexOf('%') < 0) return s;
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        char decoded = (char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        if (Character.isLetterOrDigit(decoded) && decoded < 128 || "-._~".indexOf(decoded) >= 0) {
          sb.append(decoded);
        } else {
          sb.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
        }
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
