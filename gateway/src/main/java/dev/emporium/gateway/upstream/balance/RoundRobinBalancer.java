package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Each available endpoint in turn. Weights are ignored; see the weighted balancer for those. */
public final class RoundRobinBalancer implements LoadBalancer {

  private final AtomicInteger next = new AtomicInteger();
  private volatile List<Endpoint> available = List.of();

  @Override
  public void update(EndpointSet endpoints) {
    available = endpoints.available();
  }

  @Override
  public Endpoint pick(PickContext context) {
    List<Endpoint> list = available;
    int size = list.size();
    if (size == 0) return null;
    return list.get(Math.floorMod(next.getAndIncrement(), size));
  }
}
