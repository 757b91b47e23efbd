package dev.emporium.gateway.policy.traffic;

import dev.emporium.gateway.policy.Policy;
import dev.emporium.gateway.policy.PolicyContext;
import dev.emporium.gateway.policy.PolicyFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code traffic-split} policy. The factory keeps each route's {@link LiveSplit} across
 * configuration versions (a registry, and so a factory, belongs to one gateway), which is how a
 * live change made through the admin API outlives a reload that leaves the route's split alone.
 */
public final class TrafficSplitFactory implements PolicyFactory<TrafficSplitConfig> {

  public static final String NAME = "traffic-split";

  private final Map<String, LiveSplit> splits = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<TrafficSplitConfig> configType() {
    return TrafficSplitConfig.class;
  }

  @Override
  public Map<String, String> clusters(TrafficSplitConfig config) {
    return config.clustersByField();
  }

  @Override
  public Policy create(TrafficSplitConfig config, PolicyContext context) {
    LiveSplit live = splits.computeIfAbsent(context.routeName(), route -> new LiveSplit(route, context.meters()));
    live.fromFile(config);
    return new TrafficSplitPolicy(live);
  }
}
