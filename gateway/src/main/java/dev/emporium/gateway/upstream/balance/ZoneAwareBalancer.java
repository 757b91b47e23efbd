package dev.emporium.gateway.upstream.balance;

import dev.emporium.gateway.upstream.Endpoint;
import dev.emporium.gateway.upstream.EndpointSet;
import dev.emporium.gateway.upstream.LoadBalancer;
import dev.emporium.gateway.upstream.PickContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Zone-aware preference, wrapped around any balancer: traffic stays in the gateway's own zone while
 * that zone is healthy enough, and spills over to the other zones in proportion as it falls short.
 * Two instances of the wrapped policy balance within the local zone and within the rest.
 *
 * <p>The rule. Let {@code share} be the local zone's available endpoints divided by all its
 * endpoints, and {@code t} be {@code minHealthyShare}:
 * <ul>
 *   <li>{@code share ≥ t}: every request stays local;
 *   <li>{@code 0 < share < t}: a fraction {@code share / t} of requests stays local and the rest goes
 *       to the available endpoints of the other zones, so the local zone keeps the load per endpoint
 *       it had when it was healthy enough instead of being overwhelmed;
 *   <li>no local endpoint available, or none at all: every request goes to the other zones;
 *   <li>no other zone has an available endpoint: local endpoints take everything they can.
 * </ul>
 * For example, with {@code t = 0.7} and 4 of 10 local endpoints up, 0.4 / 0.7 ≈ 57 % of requests
 * stay local and 43 % spill. Endpoints without a zone count as remote.
 *
 * <p>Which requests spill is random, except for requests with an affinity key (consistent hashing),
 * which spill by a hash of their key so that each key keeps going to the same place.
 */
public final class ZoneAwareBalancer implements LoadBalancer {

  private static final long SPILL_SEED = 0x5A0E5A0E5A0E5A0EL;

  private final String localZone;
  private final double minHealthyShare;
  private final LoadBalancer local;
  private final LoadBalancer remote;
  private volatile double localFraction = 1.0;

  /**
   * @param localZone the zone to prefer
   * @param minHealthyShare share of local endpoints that must be available for all traffic to stay local
   * @param policy makes the balancer used within each side
   */
  public ZoneAwareBalancer(String localZone, double minHealthyShare, Supplier<LoadBalancer> policy) {
    if (localZone == null) throw new IllegalArgumentException("zone-aware balancing needs a local zone");
    if (!(minHealthyShare > 0 && minHealthyShare <= 1)) {
      throw new IllegalArgumentException("minHealthyShare must be above 0 and at most 1");
    }
    this.localZone = localZone;
    this.minHealthyShare = minHealthyShare;
    this.local = policy.get();
    this.remote = policy.get();
  }

  @Override
  public void update(EndpointSet endpoints) {
    List<Endpoint> localAll = new ArrayList<>();
    List<Endpoint> remoteAll = new ArrayList<>();
    for (Endpoint e : endpoints.all()) (localZone.equals(e.zone()) ? localAll : remoteAll).add(e);
    List<Endpoint> localAvailable = new ArrayList<>();
    List<Endpoint> remoteAvailable = new ArrayList<>();
    for (Endpoint e : endpoints.available()) (localZone.equals(e.zone()) ? localAvailable : remoteAvailable).add(e);
    local.update(new EndpointSet(localAll, localAvailable));
    remote.update(new EndpointSet(remoteAll, remoteAvailable));
    double share = localAll.isEmpty() ? 0 : (double) localAvailable.size() / localAll.size();
    localFraction = remoteAvailable.isEmpty() ? 1.0 : Math.min(1.0, share / minHealthyShare);
  }

  @Override
  public Endpoint pick(PickContext context) {
    double fraction = localFraction;
    boolean stayLocal = fraction >= 1.0 || (fraction > 0 && draw(context) < fraction);
    Endpoint chosen = (stayLocal ? local : remote).pick(context);
    // The sides are updated one after the other; a pick in between may find its side empty.
    return chosen != null ? chosen : (stayLocal ? remote : local).pick(context);
  }

  /** The share of local traffic this balancer keeps now, 0.0 to 1.0. */
  public double localFraction() {
    return localFraction;
  }

  private static double draw(PickContext context) {
    String key = context.hashKey();
    return key != null ? XxHash64.unit(XxHash64.hash(key, SPILL_SEED)) : ThreadLocalRandom.current().nextDouble();
  }
}
