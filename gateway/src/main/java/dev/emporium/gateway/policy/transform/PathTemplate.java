package dev.emporium.gateway.policy.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An upstream path written with the route's named parameters, e.g. {@code /v2/orders/{id}/lines}.
 * Values are inserted as they were matched in the normalized path, so they are already safe path
 * segments.
 */
final class PathTemplate {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final List<String> literals;
  private final List<String> names;

  private PathTemplate(List<String> literals, List<String> names) {
    this.literals = literals;
    this.names = names;
  }

  /** @throws IllegalArgumentException when the template is not an absolute path with well-formed {@code {name}}s */
  static PathTemplate parse(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("path: '" + template + "' must start with '/'");
    }
    if (template.indexOf('?') >= 0 || template.indexOf('#') >= 0) {
      throw new IllegalArgumentException("path: '" + template + "' may not contain '?' or '#'; change the query with query.add/set/remove");
    }
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') throw new IllegalArgumentException("path: '" + template + "' has a '}' without '{'");
      if (c != '{') {
        if (c <= ' ' || c == 0x7f) throw new IllegalArgumentException("path: '" + template + "' contains a space or control character");
        literal.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) throw new IllegalArgumentException("path: '" + template + "' has a '{' without '}'");
      String name = template.substring(i + 1, end);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("path: '{" + name + "}' is not a parameter name; use the names of the route's path pattern");
      }
      literals.add(literal.toString());
      literal.setLength(0);
      names.add(name);
      i = end + 1;
    }
    literals.add(literal.toString());
    return new PathTemplate(List.copyOf(literals), List.copyOf(names));
  }

  /** The filled path, or null when the route did not capture one of the names. */
  String fill(Map<String, String> params) {
    StringBuilder sb = new StringBuilder(64).append(literals.get(0));
    for (int i = 0; i < names.size(); i++) {
      String value = params.get(names.get(i));
      if (value == null) return null;
      sb.append(value).append(literals.get(i + 1));
    }
    return sb.toString();
  }

  List<String> names() {
    return names;
  }
}
