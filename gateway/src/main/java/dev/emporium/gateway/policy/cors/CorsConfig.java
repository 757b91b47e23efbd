package dev.emporium.gateway.policy.cors;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code cors} policy's settings.
 *
 * @param allowOrigins origins allowed to read responses: exact ({@code https://shop.example.com}),
 *     a subdomain pattern ({@code https://*.example.com}), or {@code *} for any origin (never with
 *     credentials)
 * @param allowMethods methods a preflight may ask for; default GET, HEAD, POST
 * @param allowHeaders request headers a preflight may ask for, or {@code *} for any; default
 *     Authorization, Content-Type
 * @param exposeHeaders response headers scripts may read besides the safelisted ones; default none
 * @param allowCredentials whether browsers may send cookies and credentials; default false
 * @param maxAge how long browsers may cache a preflight answer; default 10m
 */
public record CorsConfig(
    List<String> allowOrigins,
    List<String> allowMethods,
    List<String> allowHeaders,
    List<String> exposeHeaders,
    Boolean allowCredentials,
    Duration maxAge) {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public CorsConfig {
    if (allowOrigins == null || allowOrigins.isEmpty()) {
      throw new IllegalArgumentException("allowOrigins: list the origins allowed, e.g. [https://shop.example.com]");
    }
    allowOrigins = List.copyOf(allowOrigins);
    allowMethods = allowMethods == null ? List.of("GET", "HEAD", "POST") : List.copyOf(allowMethods);
    allowHeaders = allowHeaders == null ? List.of("Authorization", "Content-Type") : List.copyOf(allowHeaders);
    exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    allowCredentials = allowCredentials != null && allowCredentials;
    maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;

    for (int i = 0; i < allowOrigins.size(); i++) {
      String origin = allowOrigins.get(i);
      if ("*".equals(origin)) {
        if (allowCredentials) {
          throw new IllegalArgumentException("allowOrigins[" + i + "]: '*' cannot be combined with allowCredentials: true;"
              + " browsers refuse it, and answering every origin with credentials would let any site act as the user."
              + " List the origins instead");
        }
        if (allowOrigins.size() > 1) {
          throw new IllegalArgumentException("allowOrigins[" + i + "]: '*' allows every origin; list it alone");
        }
        continue;
      }
      try {
        OriginPattern.parse(origin);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("allowOrigins[" + i + "]: " + e.getMessage());
      }
    }
    for (int i = 0; i < allowMethods.size(); i++) {
      String m = allowMethods.get(i);
      if (m == null || !TOKEN.matcher(m).matches() || m.equals("*")) {
        throw new IllegalArgumentException("allowMethods[" + i + "]: '" + m + "' is not a method name");
      }
      if (!m.equals(m.toUpperCase(Locale.ROOT))) {
        throw new IllegalArgumentException("allowMethods[" + i + "]: methods are case-sensitive; write '"
            + m.toUpperCase(Locale.ROOT) + "'");
      }
    }
    headerNames(allowHeaders, "allowHeaders", true);
    headerNames(exposeHeaders, "exposeHeaders", false);
    if (maxAge.isNegative()) throw new IllegalArgumentException("maxAge: cannot be negative");
  }

  private static void headerNames(List<String> names, String field, boolean wildcard) {
    for (int i = 0; i < names.size(); i++) {
      String h = names.get(i);
      if (wildcard && "*".equals(h)) {
        if (names.size() > 1) throw new IllegalArgumentException(field + "[" + i + "]: '*' allows every header; list it alone");
        continue;
      }
      if (h == null || !TOKEN.matcher(h).matches() || h.equals("*")) {
        throw new IllegalArgumentException(field + "[" + i + "]: '" + h + "' is not a header name");
      }
    }
  }
}
