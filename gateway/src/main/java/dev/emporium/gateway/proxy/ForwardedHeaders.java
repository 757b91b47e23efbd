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

  static void apply(HttpServerRequest request, MultiMap upstream, TrustedProxies trusted, String peer) {
    boolean fromTrustedProxy = trusted.trusts(peer);
    MultiMap in = request.headers();
    String scheme = request.isSSL() ? "https" : "http";
    HostAndPort authority = request.authority();
    String host = authority == null ? null : authority.host();
    int port = authority != null && authority.port() > 0 ? authority.port() : request.localAddress() == null
        ? (request.isSSL() ? 443 : 80) : request.localAddress().port();

    String priorFor = fromTrustedProxy ? in.get("X-Forwarded-For") : null;
    upstream.set("X-Forwarded-For", priorFor == null || priorFor.isBlank() ? peer : priorFor + ", " + peer);
    String proto = fromTrustedProxy && in.get("X-Forwarded-Proto") != null ? in.get("X-Forwarded-Proto") : scheme;
    upstream.set("X-Forwarded-Proto", proto);
    String fwdHost = fromTrustedProxy && in.get("X-Forwarded-Host") != null ? in.get("X-Forwarded-Host") : host;
    if (fwdHost != null) upstream.set("X-Forwarded-Host", fwdHost);
    String fwdPort = fromTrustedProxy && in.get("X-Forwarded-Port") != null ? in.get("X-Forwarded-Port") : Integer.toString(port);
    upstream.set("X-Forwarded-Port", fwdPort);

    StringBuilder element = new StringBuilder(64).append("for=").append(node(peer)).append(";proto=").append(scheme);
    if (host != null) element.append(";host=\"").append(authorityText(authority)).append('"');
    String priorForwarded = fromTrustedProxy ? in.get("Forwarded") : null;
    upstream.set("Forwarded", priorForwarded == null || priorForwarded.isBlank()
        ? element.toString() : priorForwarded + ", " + element);
  }

  private static String node(String address) {
    return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
  }

  private static String authorityText(HostAndPort authority) {
    String host = authority.host().replace("\"", "");
    return authority.port() > 0 ? host + ":" + authority.port() : host;
  }
}
