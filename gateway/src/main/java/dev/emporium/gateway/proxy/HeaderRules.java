package dev.emporium.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1), and any header a
 * {@code Connection} header names, describe one connection and never pass through.
 */
final class HeaderRules {

  private static final Set<String> HOP_BY_HOP = caseInsensitive(
      "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

  /** Set by the gateway from the real peer; a client's own copies are only kept from trusted proxies. */
  static final Set<String> FORWARDING = caseInsensitive(
      "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip");

  private HeaderRules() {}

  /** Copies {@code from} into {@code to}, leaving out hop-by-hop headers and those in {@code skip}. */
  static void copyEndToEnd(MultiMap from, MultiMap to, Set<String> skip) {
    Set<String> named = connectionNamed(from.get(HttpHeaders.CONNECTION));
    for (var entry : from) {
      String name = entry.getKey();
      if (HOP_BY_HOP.contains(name) || (skip != null && skip.contains(name))
          || (named != null && named.contains(name))) {
        continue;
      }
      to.add(name, entry.getValue());
    }
  }

  private static Set<String> connectionNamed(String connection) {
    if (connection == null) return null;
    Set<String> names = null;
    for (String token : connection.split(",")) {
      String t = token.trim();
      if (t.isEmpty() || t.equalsIgnoreCase("close") || t.equalsIgnoreCase("keep-alive")) continue;
      if (names == null) names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      names.add(t);
    }
    return names;
  }

  static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(java.util.List.of(names));
    return java.util.Collections.unmodifiableSet(set);
  }
}
