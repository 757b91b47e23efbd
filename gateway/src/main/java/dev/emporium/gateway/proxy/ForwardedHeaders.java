package dev.emporium.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Sets X-Forwarded-For/-Proto/-Host/-Port and Forwarded (RFC 7239) from the real connection. A
 * client's own values are kept, and extended, only when the peer is a trusted proxy; otherwise
 * they were dropped before and are written fresh, so a client can never pose as someone else.
 */
final class ForwardedHeaders {

  // Pre-encoded names: these are written on every request, and the encoder copies them as bytes.
  private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
  private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
  private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
  private static final CharSequence X_FORWARDED_PORT = HttpHeaders.createOptimized("X-Forwarded-Port");
  private static final CharSequence FORWARDED = HttpHeaders.createOptimized("Forwarded");
  private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
  private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");

  private ForwardedHeaders() {}

  /**
   * @param fromTrustedProxy whether the peer is one of {@code server.trustedProxies}
   */
  static void apply(HttpServerRequest request, HostAndPort authority, MultiMap upstream, boolean fromTrustedProxy,
      String peer) {
    MultiMap in = request.headers();
    String scheme = request.isSSL() ? "https" : "http";
    String host = authority == null ? null : authority.host();
    int port = authority != null && authority.port() > 0 ? authority.port() : request.localAddress() == null
        ? (request.isSSL() ? 443 : 80) : request.localAddress().port();

    String priorFor = fromTrustedProxy ? joined(in, "X-Forwarded-For") : null;
    upstream.set(X_FORWARDED_FOR, priorFor == null ? peer : priorFor + ", " + peer);
    String proto = fromTrustedProxy ? in.get("X-Forwarded-Proto") : null;
    upstream.set(X_FORWARDED_PROTO, proto != null ? proto : request.isSSL() ? HTTPS : HTTP);
    String fwdHost = fromTrustedProxy && in.get("X-Forwarded-Host") != null ? in.get("X-Forwarded-Host") : host;
    if (fwdHost != null) upstream.set(X_FORWARDED_HOST, fwdHost);
    String fwdPort = fromTrustedProxy ? in.get("X-Forwarded-Port") : null;
    upstream.set(X_FORWARDED_PORT, fwdPort != null ? fwdPort : Integer.toString(port));

    String element = element(peer, scheme, authority == null ? null : authorityText(authority));
    String priorForwarded = fromTrustedProxy ? joined(in, "Forwarded") : null;
    upstream.set(FORWARDED, priorForwarded == null ? element : priorForwarded + ", " + element);
  }

  /**
   * One RFC 7239 forwarded-element for this hop: {@code for=} the peer (an IPv6 address quoted and
   * in brackets), {@code proto=}, and {@code host=} quoted when there is one.
   */
  static String element(String peer, String scheme, String host) {
    StringBuilder element = new StringBuilder(64).append("for=").append(node(peer)).append(";proto=").append(scheme);
    if (host != null && !host.isEmpty()) element.append(";host=\"").append(host).append('"');
    return element.toString();
  }

  /** All values of a header a client may have split over several lines, as one list; null when absent. */
  private static String joined(MultiMap headers, String name) {
    java.util.List<String> values = headers.getAll(name);
    if (values.isEmpty()) return null;
    String all = values.size() == 1 ? values.get(0).trim() : String.join(", ", values).trim();
    return all.isEmpty() ? null : all;
  }

  private static String node(String address) {
    return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
  }

  /** host[:port] as a quoted-string may carry it: no quote or backslash can appear. */
  private static String authorityText(HostAndPort authority) {
    String host = authority.host().replace("\"", "").replace("\\", "");
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) host = "[" + host + "]";
    return authority.port() > 0 ? host + ":" + authority.port() : host;
  }
}
