package dev.emporium.gateway.policy.transform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which headers configuration may touch. Hop-by-hop and framing headers belong to one connection
 * and are the gateway's to manage. On the request side the identity headers ({@code X-User-Id},
 * {@code X-User-Roles}, {@code X-Scopes}, {@code X-Consumer}) may only ever carry an identity the gateway verified, and
 * the forwarding headers only what the gateway saw of the real peer; so configuration may remove
 * or rename them away, but never give them a value, nor rename another header onto them.
 */
final class HeaderGuard {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  static final Set<String> HOP_BY_HOP = Set.of(
      "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");
  static final Set<String> FRAMING = Set.of("content-length", "host", "expect");
  static final Set<String> IDENTITY = Set.of("x-user-id", "x-user-roles", "x-scopes", "x-consumer");
  static final Set<String> FORWARDING = Set.of(
      "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip");

  enum Side { REQUEST, RESPONSE }

  private HeaderGuard() {}

  /** Checks every name and value; throws naming the field at {@code prefix} (e.g. {@code request.headers}). */
  static void check(HeaderEdits edits, Side side, String prefix) {
    for (var e : edits.add().entrySet()) writable(e.getKey(), side, prefix + ".add");
    for (var e : edits.add().entrySet()) value(e.getValue(), prefix + ".add." + e.getKey());
    for (var e : edits.set().entrySet()) writable(e.getKey(), side, prefix + ".set");
    for (var e : edits.set().entrySet()) value(e.getValue(), prefix + ".set." + e.getKey());
    for (String name : edits.remove()) removable(name, prefix + ".remove");
    for (Map.Entry<String, String> e : edits.rename().entrySet()) {
      removable(e.getKey(), prefix + ".rename");
      writable(e.getValue(), side, prefix + ".rename." + e.getKey());
    }
    duplicates(edits, prefix);
  }

  private static void writable(String name, Side side, String field) {
    String n = token(name, field);
    if (HOP_BY_HOP.contains(n) || FRAMING.contains(n)) {
      throw new IllegalArgumentException(field + ": '" + name + "' describes the connection or the message framing,"
          + " which the gateway manages; it cannot be set from configuration");
    }
    if (side == Side.REQUEST && IDENTITY.contains(n)) {
      throw new IllegalArgumentException(field + ": '" + name + "' is an identity header; only an identity the"
          + " gateway verified may reach a service in it, so configuration may remove it but never give it a value");
    }
    if (side == Side.REQUEST && FORWARDING.contains(n)) {
      throw new IllegalArgumentException(field + ": '" + name + "' is set by the gateway from the real client"
          + " connection (see server.trustedProxies); configuration may remove it but never give it a value");
    }
  }

  private static void removable(String name, String field) {
    String n = token(name, field);
    if (HOP_BY_HOP.contains(n) || FRAMING.contains(n)) {
      throw new IllegalArgumentException(field + ": '" + name + "' describes the connection or the message framing,"
          + " which the gateway manages; it cannot be removed or renamed from configuration");
    }
  }

  private static String token(String name, String field) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException(field + ": '" + name + "' is not a valid header name");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static void value(String value, String field) {
    if (value == null) throw new IllegalArgumentException(field + ": a value is required");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(field + ": the value contains a control character");
      }
    }
  }

  /** A name listed twice (in any case) would make the result depend on map order. */
  private static void duplicates(HeaderEdits edits, String prefix) {
    for (List<String> names : List.of(List.copyOf(edits.add().keySet()), List.copyOf(edits.set().keySet()),
        edits.remove(), List.copyOf(edits.rename().keySet()))) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String name : names) {
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException(prefix + ": '" + name + "' is listed twice");
        }
      }
    }
  }
}
