package dev.emporium.gateway.policy.auth.ipfilter;

import dev.emporium.gateway.edge.Cidr;
import java.util.List;

/**
 * The {@code ip-filter} policy's settings. Addresses are IPv4 or IPv6, single or as CIDR ranges.
 * A client in {@code deny} is refused; when {@code allow} is given, a client outside it is too.
 *
 * @param allow the only ranges let through, or empty for any
 * @param deny ranges refused, even when also allowed
 */
public record IpFilterConfig(List<String> allow, List<String> deny) {

  public IpFilterConfig {
    allow = allow == null ? List.of() : List.copyOf(allow);
    deny = deny == null ? List.of() : List.copyOf(deny);
    if (allow.isEmpty() && deny.isEmpty()) throw new IllegalArgumentException("give allow, deny or both");
    check(allow, "allow");
    check(deny, "deny");
  }

  private static void check(List<String> ranges, String field) {
    for (int i = 0; i < ranges.size(); i++) {
      try {
        Cidr.parse(ranges.get(i) == null ? "" : ranges.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage());
      }
    }
  }
}
