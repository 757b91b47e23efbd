package dev.emporium.gateway.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed route path: literal segments, one-segment parameters ({@code {id}} or anonymous
 * {@code *}), and an optional trailing {@code **} that matches the rest of the path, including
 * nothing at all.
 *
 * @param source the pattern as written
 * @param segments the segments before any {@code **}
 * @param catchAll whether the pattern ends in {@code **}
 */
public record PathPattern(String source, List<Segment> segments, boolean catchAll) {

  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** One segment of a pattern. */
  public sealed interface Segment permits Literal, Param {}

  public record Literal(String text) implements Segment {}

  /** A one-segment parameter; anonymous ({@code *}) when name is null. */
  public record Param(String name) implements Segment {}

  public static PathPattern parse(String source) {
    if (source == null || !source.startsWith("/")) {
      throw new IllegalArgumentException("a path pattern must start with '/'");
    }
    List<Segment> segments = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean catchAll = false;
    String[] parts = source.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.equals("**")) {
        if (!last) throw new IllegalArgumentException("'**' may only end a path pattern");
        catchAll = true;
      } else if (part.equals("*")) {
        segments.add(new Param(null));
      } else if (part.startsWith("{") && part.endsWith("}")) {
        String name = part.substring(1, part.length() - 1);
        if (!PARAM_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("'" + part + "' is not a valid parameter; use letters, digits and _");
        }
        if (!names.add(name)) throw new IllegalArgumentException("parameter '" + name + "' appears twice");
        segments.add(new Param(name));
      } else if (part.contains("{") || part.contains("}") || part.contains("*")) {
        throw new IllegalArgumentException(
            "'" + part + "' mixes text with a parameter or wildcard; a parameter takes a whole segment");
      } else if (part.isEmpty() && !last) {
        throw new IllegalArgumentException("a path pattern cannot contain '//'");
      } else if (part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("a path pattern cannot contain dot segments");
      } else {
        segments.add(new Literal(part));
      }
    }
    // "/" alone parses as one empty literal: the root path.
    return new PathPattern(source, List.copyOf(segments), catchAll);
  }

  public List<String> parameterNames() {
    List<String> out = new ArrayList<>();
    for (Segment s : segments) {
      if (s instanceof Param p && p.name() != null) out.add(p.name());
    }
    return out;
  }
}
