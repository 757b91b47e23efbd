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
   * @param forwardedFor every X-Forwarded-For line of the request, in order (a proxy may add its
   *     own line rather than extend the last one); empty when there is none
   */
  public String clientAddress(String peer, List<String> forwardedFor) {
    if (forwardedFor == null || forwardedFor.isEmpty() || !trusts(peer)) return peer;
    List<String> hops = new java.util.ArrayList<>();
    for (String line : forwardedFor) {
      for (String hop : line.split(",")) {
        String h = hop.trim();
        if (!h.isEmpty()) hops.add(h);
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      // A hop that is not an address (a port, "unknown", garbage) ends what can be believed.
      if (Cidr.parseAddress(hop) == null) return peer;
      if (!trusts(hop)) return hop;
    }
    return hops.isEmpty() ? peer : hops.get(0);
  }

  /** As {@link #clientAddress(String, List)} for a single X-Forwarded-For value, or null. */
  public String clientAddress(String peer, String forwardedFor) {
    return clientAddress(peer, forwardedFor == null ? List.of() : List.of(forwardedFor));
  }
}
