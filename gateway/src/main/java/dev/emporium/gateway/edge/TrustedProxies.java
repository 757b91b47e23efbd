package dev.emporium.gateway.edge;

import java.util.List;

/**
 * The proxies in front of the gateway whose forwarding headers may be believed. The client's
 * address is the right-most address in {@code X-Forwarded-For} that is not a trusted proxy; from
 * an untrusted peer, forwarding headers are ignored and the peer itself is the client.
 */
public final class TrustedProxies {

  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Cidr> ranges;

  public TrustedProxies(List<Cidr> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  public static TrustedProxies parse(List<String> ranges) {
    return new TrustedProxies(ranges.stream().map(Cidr::parse).toList());
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean trusts(String address) {
    if (ranges.isEmpty()) return false;
    byte[] bytes = Cidr.parseAddress(address);
    if (bytes == null) return false;
    for (Cidr range : ranges) {
      if (range.contains(bytes)) return true;
    }
    return false;
  }

  /**
   * @param peer the address the connection came from
   * @param forwardedFor the request's X-Forwarded-For value, or null
   */
  public String clientAddress(String peer, String forwardedFor) {
    if (forwardedFor == null || !trusts(peer)) return peer;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) continue;
      if (Cidr.parseAddress(hop) == null) return peer;
      if (!trusts(hop)) return hop;
    }
    String first = hops.length == 0 ? "" : hops[0].trim();
    return first.isEmpty() ? peer : first;
  }
}
