package dev.emporium.gateway.policy.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads roles and scopes out of token claims or introspection answers, whose shapes vary by
 * issuer: a JSON array, or one string separated by spaces (OAuth's {@code scope}) or commas.
 * Values that could not travel in a header list are dropped, and at most {@link #MAX_VALUES} kept.
 */
public final class ClaimValues {

  public static final int MAX_VALUES = 100;

  private ClaimValues() {}

  /** The claim at a dotted path ({@code realm_access.roles}) of a JSON object, or null. */
  public static Object at(Map<String, Object> claims, String path) {
    Object value = claims.get(path);
    if (value != null || path.indexOf('.') < 0) return value;
    Object node = claims;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) return null;
      node = map.get(part);
    }
    return node;
  }

  /** The values of a claim that is a list or a separated string; empty when it is neither. */
  public static List<String> list(Object claim) {
    List<String> out = new ArrayList<>();
    if (claim instanceof String s) {
      for (String part : s.split("[\\s,]+")) add(out, part);
    } else if (claim instanceof Collection<?> values) {
      for (Object v : values) {
        if (v instanceof String s) add(out, s);
      }
    }
    return List.copyOf(out);
  }

  /** The scopes of an OAuth token: {@code scope} (space separated), else {@code scp}. */
  public static List<String> scopes(Map<String, Object> claims) {
    Object scope = claims.get("scope");
    return list(scope != null ? scope : claims.get("scp"));
  }

  private static void add(List<String> out, String value) {
    if (out.size() < MAX_VALUES && IdentityHeaders.isListElement(value) && !out.contains(value)) out.add(value);
  }
}
