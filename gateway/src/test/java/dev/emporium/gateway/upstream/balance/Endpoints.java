package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointAddress;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Endpoints and pick tallies for balancer tests. */
final class Endpoints {

  private Endpoints() {}

  static Endpoint endpoint(int n) {
    return endpoint(n, 1, null);
  }

  /** An endpoint at 10.0.0.n:8080. */
  static Endpoint endpoint(int n, int weight, String zone) {
    return new Endpoint(new EndpointAddress("10.0.0." + n, 8080), weight, zone);
  }

  /** All of {@code all} available. */
  static EndpointSet allAvailable(List<Endpoint> all) {
    return new EndpointSet(all, all);
  }

  static PickContext key(String key) {
    return () -> key;
  }

  /** How often each endpoint is picked in {@code picks} picks without an affinity key. */
  static Map<Endpoint, Integer> tally(LoadBalancer balancer, int picks) {
    return tally(balancer, picks, i -> PickContext.NONE);
  }

  static Map<Endpoint, Integer> tally(LoadBalancer balancer, int picks, IntFunction<PickContext> context) {
    Map<Endpoint, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < picks; i++) counts.merge(balancer.pick(context.apply(i)), 1, Integer::sum);
    return counts;
  }

  static double share(Map<Endpoint, Integer> tally, Endpoint endpoint) {
    int total = tally.values().stream().mapToInt(Integer::intValue).sum();
    return tally.getOrDefault(endpoint, 0) / (double) total;
  }
}
