package dev.emporium.gateway.policy.cache;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the responses at one base key vary on: the request header names of their {@code Vary}.
 * A lookup reads it first to know which request headers pick the variant.
 */
record VaryRecord(String route, String path, List<String> names, long keepUntil) implements Stored {

  @Override
  public int weight() {
    int w = 128 + 2 * (route.length() + path.length());
    for (String n : names) w += 2 * n.length() + 16;
    return w;
  }

  byte[] toBytes() {
    return String.join(",", names).getBytes(StandardCharsets.UTF_8);
  }

  static List<String> namesFromBytes(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.isEmpty() ? List.of() : List.of(s.split(","));
  }
}
