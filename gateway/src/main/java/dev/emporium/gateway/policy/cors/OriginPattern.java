package dev.emporium.gateway.policy.cors;

import java.util.Locale;

/**
 * One allowed origin: exact ({@code https://shop.example.com}, {@code http://localhost:3000}) or a
 * subdomain pattern ({@code https://*.example.com}), which matches any host ending in
 * {@code .example.com} at any depth but not {@code example.com} itself. Scheme and port must match
 * exactly; default ports may be written or left out.
 *
 * @param scheme lower-case scheme
 * @param host lower-case host, or for a pattern the suffix after {@code *}, starting with a dot
 * @param port explicit or default port
 * @param subdomains whether {@code host} is a suffix
 */
record OriginPattern(String scheme, String host, int port, boolean subdomains) {

  static OriginPattern parse(String text) {
    if (text == null) throw new IllegalArgumentException("an origin is required");
    if (text.equals("null")) {
      throw new IllegalArgumentException("the 'null' origin is sent by sandboxed documents and local files;"
          + " any page can produce it, so it cannot be allowed");
    }
    boolean wildcard = text.startsWith("https://*.") || text.startsWith("http://*.");
    Origin origin = Origin.parse(wildcard ? text.replaceFirst("\\*\\.", "wildcard.") : text);
    if (origin == null) {
      throw new IllegalArgumentException("'" + text + "' is not an origin; write scheme://host[:port] with no path,"
          + " e.g. https://shop.example.com or https://*.example.com");
    }
    if (wildcard) {
      String suffix = origin.host().substring("wildcard".length());
      if (suffix.indexOf('.', 1) < 0) {
        throw new IllegalArgumentException("'" + text + "' would allow every site under a top-level domain;"
            + " name at least two labels after '*.', e.g. https://*.example.com");
      }
      if (suffix.contains("*")) throw new IllegalArgumentException("'" + text + "' may use '*' only as the first label");
      return new OriginPattern(origin.scheme(), suffix, origin.port(), true);
    }
    if (origin.host().contains("*")) {
      throw new IllegalArgumentException("'" + text + "' may use '*' only as a whole first label, as in https://*.example.com");
    }
    return new OriginPattern(origin.scheme(), origin.host(), origin.port(), false);
  }

  boolean matches(Origin origin) {
    if (!scheme.equals(origin.scheme()) || port != origin.port()) return false;
    if (!subdomains) return host.equals(origin.host());
    String h = origin.host();
    return h.length() > host.length() && h.endsWith(host) && h.charAt(h.length() - host.length() - 1) != '.'
        && !h.startsWith(".") && !h.startsWith("[");
  }

  /** A parsed Origin header value: {@code scheme://host[:port]}, lower-cased, nothing else. */
  record Origin(String scheme, String host, int port) {

    static Origin parse(String text) {
      int sep = text.indexOf("://");
      if (sep <= 0) return null;
      String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) return null;
      String rest = text.substring(sep + 3);
      if (rest.isEmpty() || rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0
          || rest.indexOf('@') >= 0) {
        return null;
      }
      String host;
      String portText = null;
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) return null;
        host = rest.substring(0, close + 1);
        if (close + 1 < rest.length()) {
          if (rest.charAt(close + 1) != ':') return null;
          portText = rest.substring(close + 2);
        }
      } else {
        int colon = rest.indexOf(':');
        host = colon < 0 ? rest : rest.substring(0, colon);
        if (colon >= 0) portText = rest.substring(colon + 1);
      }
      if (host.isEmpty()) return null;
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c <= ' ' || c == 0x7f || c == ',' || c == '\\') return null;
      }
      int port = scheme.equals("https") ? 443 : 80;
      if (portText != null) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) return null;
        port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) return null;
      }
      return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
    }
  }
}
