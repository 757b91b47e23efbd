package dev.emporium.gateway.routing;

import java.util.Locale;

/**
 * A route's host predicate: an exact name or a leading wildcard ({@code *.example.com}, which
 * matches {@code api.example.com} and {@code a.b.example.com} but not {@code example.com}).
 */
public record HostPattern(String host, boolean wildcard) {

  public static HostPattern parse(String text) {
    String s = normalize(text);
    if (s.isEmpty()) throw new IllegalArgumentException("a host cannot be empty");
    if (s.startsWith("*.")) {
      String suffix = s.substring(1);
      if (suffix.contains("*")) throw new IllegalArgumentException("only a leading '*.' wildcard is allowed");
      return new HostPattern(suffix, true);
    }
    if (s.contains("*")) throw new IllegalArgumentException("only a leading '*.' wildcard is allowed");
    return new HostPattern(s, false);
  }

  /** Lower-case, without a port or a trailing dot: the form hosts are compared in. */
  public static String normalize(String host) {
    String s = host.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close > 0 ? s.substring(0, close + 1) : s;
    }
    int colon = s.indexOf(':');
    if (colon >= 0) s = s.substring(0, colon);
    if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
    return s;
  }
}
