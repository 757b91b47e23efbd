package dev.emporium.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes the path sent upstream from the matched path: first a prefix is stripped, then an
 * optional template is filled with the match's parameters ({@code {id}}) and the {@code **}
 * remainder ({@code {**}}). Without either, the upstream gets exactly the normalized path.
 */
public final class PathRewriter {

  public static final PathRewriter IDENTITY = new PathRewriter(null, List.of());

  private final String stripPrefix;
  private final List<Object> template;

  private PathRewriter(String stripPrefix, List<Object> template) {
    this.stripPrefix = stripPrefix;
    this.template = template;
  }

  /** Parts of a template: literal text, or a parameter reference. */
  private record ParamRef(String name) {}

  public static PathRewriter of(String stripPrefix, String rewrite) {
    if (stripPrefix == null && rewrite == null) return IDENTITY;
    String prefix = stripPrefix == null ? null : trimTrailingSlash(stripPrefix);
    return new PathRewriter(prefix, rewrite == null ? List.of() : parseTemplate(rewrite));
  }

  /** Parameter names a template refers to, for validation against the route's pattern. */
  public static List<String> referencedParams(String rewrite) {
    List<String> names = new ArrayList<>();
    for (Object part : parseTemplate(rewrite)) {
      if (part instanceof ParamRef ref) names.add(ref.name());
    }
    return names;
  }

  public String rewrite(String path, Map<String, String> params, String remainder) {
    String out = path;
    if (stripPrefix != null && !stripPrefix.isEmpty()) {
      if (out.equals(stripPrefix)) {
        out = "/";
      } else if (out.startsWith(stripPrefix) && out.charAt(stripPrefix.length()) == '/') {
        out = out.substring(stripPrefix.length());
      }
    }
    if (template.isEmpty()) return out;
    StringBuilder sb = new StringBuilder();
    for (Object part : template) {
      if (part instanceof ParamRef ref) {
        String value = ref.name().equals("**") ? stripLeadingSlash(remainder) : params.get(ref.name());
        if (value != null) sb.append(value);
      } else {
        sb.append((String) part);
      }
    }
    String result = collapseSlashes(sb);
    // "/users/{**}" with nothing after the prefix means "/users", not "/users/".
    boolean endsWithEmptyRemainder = template.getLast() instanceof ParamRef ref && ref.name().equals("**")
        && remainder.isEmpty();
    return endsWithEmptyRemainder && result.length() > 1 && result.endsWith("/")
        ? result.substring(0, result.length() - 1)
        : result;
  }

  private static String collapseSlashes(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' && !out.isEmpty() && out.charAt(out.length() - 1) == '/') continue;
      out.append(c);
    }
    return out.toString();
  }

  private static List<Object> parseTemplate(String rewrite) {
    if (!rewrite.startsWith("/")) throw new IllegalArgumentException("a rewrite must start with '/'");
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < rewrite.length()) {
      int open = rewrite.indexOf('{', i);
      if (open < 0) {
        parts.add(rewrite.substring(i));
        break;
      }
      int close = rewrite.indexOf('}', open);
      if (close < 0) throw new IllegalArgumentException("'{' without '}' in rewrite");
      if (open > i) parts.add(rewrite.substring(i, open));
      parts.add(new ParamRef(rewrite.substring(open + 1, close)));
      i = close + 1;
    }
    return List.copyOf(parts);
  }

  private static String trimTrailingSlash(String s) {
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String stripLeadingSlash(String s) {
    return s.startsWith("/") ? s.substring(1) : s;
  }
}
