package dev.emporium.gateway.policy.transform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw query string as a list of parameters. Each keeps its raw text, so parameters that are not
 * touched go upstream byte for byte as the client sent them; names are compared decoded.
 */
final class QueryString {

  private static final class Param {
    String raw;
    final String name;
    final String rawValue;

    Param(String raw, String name, String rawValue) {
      this.raw = raw;
      this.name = name;
      this.rawValue = rawValue;
    }
  }

  private final List<Param> params = new ArrayList<>();

  static QueryString parse(String raw) {
    QueryString q = new QueryString();
    if (raw == null || raw.isEmpty()) return q;
    for (String part : raw.split("&", -1)) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String rawName = eq < 0 ? part : part.substring(0, eq);
      q.params.add(new Param(part, decode(rawName), eq < 0 ? null : part.substring(eq + 1)));
    }
    return q;
  }

  void remove(String name) {
    params.removeIf(p -> p.name.equals(name));
  }

  void rename(String from, String to) {
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (!p.name.equals(from)) continue;
      String raw = encode(to) + (p.rawValue == null ? "" : "=" + p.rawValue);
      params.set(i, new Param(raw, to, p.rawValue));
    }
  }

  void add(String name, String value) {
    String rawValue = encode(value);
    params.add(new Param(encode(name) + "=" + rawValue, name, rawValue));
  }

  /** The query to send, or null when it has no parameter left. */
  String render() {
    if (params.isEmpty()) return null;
    StringBuilder sb = new StringBuilder();
    for (Param p : params) {
      if (!sb.isEmpty()) sb.append('&');
      sb.append(p.raw);
    }
    return sb.toString();
  }

  static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A malformed escape names nothing configuration could refer to; compare it as written.
      return s;
    }
  }

  /** Percent-encodes everything outside RFC 3986's unreserved characters. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
