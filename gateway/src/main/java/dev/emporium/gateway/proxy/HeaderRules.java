package dev.emporium.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1), and any header a
 * {@code Connection} header names, describe one connection and never pass through.
 */
final class HeaderRules {

  private static final HeaderNameSet HOP_BY_HOP = HeaderNameSet.of(
      "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

  /** Set by the gateway from the real peer; a client's own copies are only kept from trusted proxies. */
  static final HeaderNameSet FORWARDING = HeaderNameSet.of(
      "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip");

  private HeaderRules() {}

  /** Copies {@code from} into {@code to}, leaving out hop-by-hop headers and those in {@code skip}. */
  static void copyEndToEnd(MultiMap from, MultiMap to, HeaderNameSet skip) {
    List<String> named = connectionNamed(from.get(HttpHeaders.CONNECTION));
    for (var entry : from) {
      String name = entry.getKey();
      if (HOP_BY_HOP.contains(name) || (skip != null && skip.contains(name)) || isNamed(named, name)) continue;
      to.add(name, entry.getValue());
    }
  }

  private static boolean isNamed(List<String> named, String name) {
    if (named == null) return false;
    for (String n : named) {
      if (n.equalsIgnoreCase(name)) return true;
    }
    return false;
  }

  /** Header names a Connection header lists, besides the close and keep-alive options. */
  private static List<String> connectionNamed(String connection) {
    if (connection == null) return null;
    List<String> names = null;
    for (String token : connection.split(",")) {
      String t = token.trim();
      if (t.isEmpty() || t.equalsIgnoreCase("close") || t.equalsIgnoreCase("keep-alive")) continue;
      if (names == null) names = new ArrayList<>(2);
      names.add(t);
    }
    return names;
  }
}
