package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;

/**
 * Affinity: requests with the same key (a header, a cookie or the client address, see
 * {@link PickContext#hashKey()}) go to the same endpoint while it stays available. The ring holds
 * only available endpoints, so when one leaves, only its own keys move to their next owner, and
 * they come back when it returns. A request without a key is balanced round-robin.
 */
public final class ConsistentHashBalancer implements LoadBalancer {

  private final RoundRobinBalancer keyless = new RoundRobinBalancer();
  private volatile HashRing ring = HashRing.EMPTY;

  @Override
  public void update(EndpointSet endpoints) {
    ring = HashRing.of(endpoints.available());
    keyless.update(endpoints);
  }

  @Override
  public Endpoint pick(PickContext context) {
    String key = context.hashKey();
    if (key == null) return keyless.pick(context);
    return ring.owner(XxHash64.hash(key, 0));
  }
}
