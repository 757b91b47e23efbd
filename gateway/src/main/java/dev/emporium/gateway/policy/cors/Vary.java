package dev.emporium.gateway.policy.cors;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** Adds a field name to a response's Vary header without repeating it. */
final class Vary {

  private Vary() {}

  static void add(MultiMap headers, String name) {
    java.util.List<String> existing = headers.getAll(HttpHeaders.VARY);
    for (String value : existing) {
      for (String token : value.split(",")) {
        String t = token.trim();
        if (t.equals("*") || t.equalsIgnoreCase(name)) return;
      }
    }
    if (existing.isEmpty()) {
      headers.set(HttpHeaders.VARY, name);
    } else {
      headers.set(HttpHeaders.VARY, String.join(", ", existing) + ", " + name);
    }
  }
}
