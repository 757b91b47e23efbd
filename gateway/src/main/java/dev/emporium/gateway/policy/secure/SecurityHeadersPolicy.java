package dev.emporium.gateway.policy.secure;

import dev.emporium.gateway.policy.Exchange;
import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.ProxyResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the browser security headers to every response of a route, the gateway's own answers too.
 * The values are computed once when the configuration loads; a response costs a few header sets.
 */
final class SecurityHeadersPolicy implements Policy {

  private record Header(CharSequence name, String value) {}

  private final List<Header> always;
  private final String hsts;
  private final boolean hstsHttpsOnly;
  private final boolean override;

  SecurityHeadersPolicy(SecurityHeadersConfig config) {
    List<Header> headers = new ArrayList<>();
    add(headers, "X-Content-Type-Options", config.contentTypeOptions());
    add(headers, "X-Frame-Options", config.frameOptions());
    add(headers, "Content-Security-Policy", config.contentSecurityPolicy());
    add(headers, "Referrer-Policy", config.referrerPolicy());
    this.always = List.copyOf(headers);
    this.hsts = config.hsts().enabled() ? config.hsts().value() : null;
    this.hstsHttpsOnly = config.hsts().httpsOnly();
    this.override = config.override();
  }

  private static void add(List<Header> headers, String name, String value) {
    if (!SecurityHeadersConfig.OFF.equals(value)) headers.add(new Header(HttpHeaders.createOptimized(name), value));
  }

  @Override
  public Future<ProxyResponse> onResponse(Exchange exchange, ProxyResponse response) {
    MultiMap out = response.headers();
    for (Header h : always) put(out, h.name(), h.value());
    if (hsts != null && (!hstsHttpsOnly || overHttps(exchange))) put(out, "Strict-Transport-Security", hsts);
    return Future.succeededFuture(response);
  }

  private void put(MultiMap out, CharSequence name, String value) {
    if (override || !out.contains(name)) out.set(name, value);
  }

  /**
   * Whether the client reached the gateway over HTTPS: through a TLS listener, or through a trusted
   * proxy that said so. The gateway sets X-Forwarded-Proto for the upstream from exactly that.
   */
  private static boolean overHttps(Exchange exchange) {
    if (exchange.request().isSSL()) return true;
    MultiMap upstream = exchange.upstreamHeaders();
    return upstream != null && "https".equalsIgnoreCase(upstream.get("X-Forwarded-Proto"));
  }
}
