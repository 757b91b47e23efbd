package dev.emporium.gateway.policy.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A part's path and query, with {@code {...}} expressions filled in per request:
 * <ul>
 *   <li>{@code {id}}: the route pattern's parameter {@code id}, as matched (already a safe segment);
 *   <li>{@code {query.limit}}: the client's query parameter {@code limit};
 *   <li>{@code {header.X-User-Id}}: a header of the request as it would go upstream (after earlier
 *       policies, such as authentication, set their headers);
 *   <li>{@code {parts.cart.owner.id}}: a value from another part's result, by field names (and
 *       array indexes) from its top; the part then runs after that one.
 * </ul>
 * {@code {expr|default}} gives a value used when the expression has none. Without a default, a
 * missing parameter, query parameter or header becomes empty, and a missing part value fails the
 * part. Values other than route parameters are percent-encoded for where they stand (path or query).
 * Parsed once at configuration load.
 */
final class PathTemplate {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.~-]+");

  enum Source { PARAM, QUERY, HEADER, PART }

  /** One {@code {...}}: where its value comes from, and whether it stands in the query. */
  record Expression(Source source, String name, List<String> path, String defaultValue, boolean inQuery) {}

  /** A value an expression needs and the request lacks. */
  static final class MissingValue extends RuntimeException {
    MissingValue(String message) {
      super(message, null, false, false);
    }
  }

  /** What expressions are resolved against. */
  interface Values {
    String param(String name);

    String query(String name);

    String header(String name);

    /** A part's result, or null when that part has none. */
    JsonNode part(String name);
  }

  private final String source;
  /** Literal strings and {@link Expression}s, in order. */
  private final List<Object> pieces;

  private PathTemplate(String source, List<Object> pieces) {
    this.source = source;
    this.pieces = pieces;
  }

  static PathTemplate parse(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', is " + (template == null ? "missing" : "'" + template + "'"));
    }
    List<Object> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    boolean inQuery = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') throw new IllegalArgumentException("path '" + template + "' has a '}' without its '{'");
      if (c != '{') {
        if (c == '?') inQuery = true;
        if (c == '#' || c == ' ') throw new IllegalArgumentException("path '" + template + "' cannot contain '" + c + "'");
        literal.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) throw new IllegalArgumentException("path '" + template + "' has a '{' without its '}'");
      if (!literal.isEmpty()) {
        pieces.add(literal.toString());
        literal.setLength(0);
      }
      pieces.add(expression(template, template.substring(i + 1, end), inQuery));
      i = end + 1;
    }
    if (!literal.isEmpty()) pieces.add(literal.toString());
    return new PathTemplate(template, List.copyOf(pieces));
  }

  private static Expression expression(String template, String text, boolean inQuery) {
    String defaultValue = null;
    int bar = text.indexOf('|');
    if (bar >= 0) {
      defaultValue = text.substring(bar + 1);
      text = text.substring(0, bar);
    }
    String[] parts = text.split("\\.", -1);
    for (String p : parts) {
      if (!NAME.matcher(p).matches() && !(parts[0].equals("header") && p.matches("[!#$%&'*+^_`|~0-9A-Za-z-]+"))) {
        throw new IllegalArgumentException("path '" + template + "' has an invalid expression '{" + text + "}'");
      }
    }
    return switch (parts[0]) {
      case "query", "header" -> {
        if (parts.length != 2) {
          throw new IllegalArgumentException("'{" + text + "}' in '" + template + "' must be {" + parts[0] + ".NAME}");
        }
        yield new Expression(parts[0].equals("query") ? Source.QUERY : Source.HEADER, parts[1], List.of(), defaultValue,
            inQuery);
      }
      case "parts" -> {
        if (parts.length < 2) {
          throw new IllegalArgumentException("'{" + text + "}' in '" + template + "' must name a part: {parts.NAME...}");
        }
        yield new Expression(Source.PART, parts[1], List.of(parts).subList(2, parts.length), defaultValue, inQuery);
      }
      default -> {
        if (parts.length != 1) {
          throw new IllegalArgumentException("'{" + text + "}' in '" + template
              + "' is neither a route parameter nor query., header. or parts.");
        }
        yield new Expression(Source.PARAM, parts[0], List.of(), defaultValue, inQuery);
      }
    };
  }

  /** The parts this template reads from. */
  Set<String> referencedParts() {
    Set<String> names = new LinkedHashSet<>();
    for (Object piece : pieces) {
      if (piece instanceof Expression e && e.source() == Source.PART) names.add(e.name());
    }
    return names;
  }

  /** The path and query for one request; throws {@link MissingValue} when a part value is missing. */
  String render(Values values) {
    StringBuilder sb = new StringBuilder(source.length() + 32);
    for (Object piece : pieces) {
      if (piece instanceof String literal) {
        sb.append(literal);
        continue;
      }
      Expression e = (Expression) piece;
      String value = switch (e.source()) {
        case PARAM -> values.param(e.name());
        case QUERY -> values.query(e.name());
        case HEADER -> values.header(e.name());
        case PART -> scalar(values.part(e.name()), e.path());
      };
      if (value == null) value = e.defaultValue();
      if (value == null) {
        if (e.source() == Source.PART) {
          throw new MissingValue("needs parts." + e.name() + (e.path().isEmpty() ? "" : "." + String.join(".", e.path()))
              + ", which that part's result lacks");
        }
        value = "";
      }
      sb.append(e.source() == Source.PARAM ? value : encode(value));
    }
    return sb.toString();
  }

  private static String scalar(JsonNode node, List<String> path) {
    if (node == null) return null;
    for (String step : path) {
      node = node.isArray() && step.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(step)) : node.get(step);
      if (node == null) return null;
    }
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return source;
  }
}
