package dev.emporium.gateway.proxy;

import dev.emporium.gateway.edge.TrustedProxies;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Sets X-Forwarded-For/-Proto/-Host/-Port and Forwarded (RFC 7239) from the real connection. A
 * client's own values are kept, and extended, only when the peer is a trusted proxy; otherwise
 * they were dropped before and are written fresh, so a client can never pose as someone else.
 */
final class ForwardedHeaders {

  private ForwardedHeaders() {}

  static void apply(HttpServerRequest request, HostAndPort authority, MultiMap upstream, TrustedProxies trusted,
      String peer) {
    boolean fromTrustedProxy = trusted.trusts(peer);
    MultiMap in = request.headers();
    String scheme = request.isSSL() ? "https" : "http";
    String host = authority == null ? null : authority.host();
    int port = authority != null && authority.port() > 0 ? authority.port() : request.localAddress() == null
        ? (request.isSSL() ? 443 : 80) : request.localAddress().port();

    String priorFor = fromTrustedProxy ? joined(in, "X-Forwarded-For") : null;
    upstream.set("X-Forwarded-For", priorFor == null ? peer : priorFor + ", " + peer);
    String proto = fromTrustedProxy && in.get("X-Forwarded-Proto") != null ? in.get("X-Forwarded-Proto") : scheme;
    upstream.set("X-Forwarded-Proto", proto);
    String fwdHost = fromTrustedProxy && in.get("X-Forwarded-Host") != null ? in.get("X-Forwarded-Host") : host;
    if (fwdHost != null) upstream.set("X-Forwarded-Host", fwdHost);
    String fwdPort = fromTrustedProxy && in.get("X-Forwarded-Port") != null ? in.get("X-Forwarded-Port") : Integer.toString(port);
    upstream.set("X-Forwarded-Port", fwdPort);

    String element = element(peer, scheme, authority == null ? null : authorityText(authority));
    String priorForwarded = fromTrustedProxy ? joined(in, "Forwarded") : null;
    upstream.set("Forwarded", priorForwarded == null ? element : priorForwarded + ", " + element);
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
