package dev.emporium.gateway.policy.secure;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code security-headers} policy's settings. Defaults follow OWASP's advice for HTTP APIs; any
 * header can be given another value or switched off with {@code off}.
 *
 * @param hsts Strict-Transport-Security
 * @param contentTypeOptions X-Content-Type-Options; default {@code nosniff}
 * @param frameOptions X-Frame-Options: {@code DENY} (default) or {@code SAMEORIGIN}
 * @param contentSecurityPolicy Content-Security-Policy; default {@code default-src 'none'; frame-ancestors 'none'}
 * @param referrerPolicy Referrer-Policy; default {@code no-referrer}
 * @param override whether to replace a header the upstream already set; default false (the upstream's is kept)
 */
public record SecurityHeadersConfig(
    Hsts hsts,
    String contentTypeOptions,
    String frameOptions,
    String contentSecurityPolicy,
    String referrerPolicy,
    Boolean override) {

  /** Switches a header off. */
  public static final String OFF = "off";

  private static final Set<String> REFERRER_POLICIES = Set.of("no-referrer", "no-referrer-when-downgrade", "origin",
      "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url");

  public SecurityHeadersConfig {
    hsts = hsts == null ? new Hsts(null, null, null, null, null) : hsts;
    contentTypeOptions = contentTypeOptions == null ? "nosniff" : contentTypeOptions;
    frameOptions = frameOptions == null ? "DENY" : frameOptions;
    contentSecurityPolicy = contentSecurityPolicy == null ? "default-src 'none'; frame-ancestors 'none'" : contentSecurityPolicy;
    referrerPolicy = referrerPolicy == null ? "no-referrer" : referrerPolicy;
    override = override != null && override;

    if (!contentTypeOptions.equals(OFF) && !contentTypeOptions.equals("nosniff")) {
      throw new IllegalArgumentException("contentTypeOptions: must be 'nosniff' or 'off', is '" + contentTypeOptions + "'");
    }
    String frame = frameOptions.toUpperCase(Locale.ROOT);
    if (!frameOptions.equals(OFF) && !frame.equals("DENY") && !frame.equals("SAMEORIGIN")) {
      throw new IllegalArgumentException("frameOptions: must be DENY, SAMEORIGIN or off, is '" + frameOptions
          + "' (ALLOW-FROM is obsolete; use contentSecurityPolicy's frame-ancestors)");
    }
    frameOptions = frameOptions.equals(OFF) ? OFF : frame;
    if (contentSecurityPolicy.isBlank()) {
      throw new IllegalArgumentException("contentSecurityPolicy: write a policy, or 'off' for none");
    }
    noControlCharacters(contentSecurityPolicy, "contentSecurityPolicy");
    if (!referrerPolicy.equals(OFF)) {
      for (String token : referrerPolicy.split(",")) {
        if (!REFERRER_POLICIES.contains(token.trim())) {
          throw new IllegalArgumentException("referrerPolicy: '" + token.trim() + "' is not a referrer policy; known: "
              + String.join(", ", new java.util.TreeSet<>(REFERRER_POLICIES)) + ", or off");
        }
      }
    }
  }

  private static void noControlCharacters(String value, String field) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) throw new IllegalArgumentException(field + ": contains a control character");
    }
  }

  /**
   * Strict-Transport-Security (RFC 6797).
   *
   * @param enabled whether to send it; default true
   * @param maxAge how long browsers keep to HTTPS; default 365d
   * @param includeSubDomains whether subdomains are included; default true
   * @param preload whether to ask for browsers' preload lists; default false (needs maxAge of at least
   *     365d and includeSubDomains)
   * @param httpsOnly send it only on responses to requests that reached the gateway over HTTPS (its
   *     own TLS listener, or a trusted proxy's X-Forwarded-Proto); default true. Browsers ignore it
   *     over plain HTTP anyway
   */
  public record Hsts(Boolean enabled, Duration maxAge, Boolean includeSubDomains, Boolean preload, Boolean httpsOnly) {

    public Hsts {
      enabled = enabled == null || enabled;
      maxAge = maxAge == null ? Duration.ofDays(365) : maxAge;
      includeSubDomains = includeSubDomains == null || includeSubDomains;
      preload = preload != null && preload;
      httpsOnly = httpsOnly == null || httpsOnly;
      if (maxAge.isNegative()) throw new IllegalArgumentException("hsts.maxAge: cannot be negative");
      if (preload && (maxAge.compareTo(Duration.ofDays(365)) < 0 || !includeSubDomains)) {
        throw new IllegalArgumentException("hsts.preload: browsers' preload lists require maxAge of at least 365d"
            + " and includeSubDomains: true");
      }
    }

    /** The header value. */
    String value() {
      StringBuilder sb = new StringBuilder("max-age=").append(maxAge.toSeconds());
      if (includeSubDomains) sb.append("; includeSubDomains");
      if (preload) sb.append("; preload");
      return sb.toString();
    }
  }
}
