package dev.emporium.gateway.policy.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code traffic-split} policy's settings: which cluster each request of the route goes to.
 * Rules are tried first, in order; a request no rule takes is drawn by weight.
 *
 * @param weights relative weight per cluster, in the order given (0 sends none); at least one
 *     cluster, and the weights must not all be 0
 * @param rules header or cookie rules that win over the weights, first match wins
 * @param sticky what to hash so a user stays on one cluster; null for a random draw per request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficSplitConfig(Map<String, Integer> weights, List<SplitRule> rules, StickyConfig sticky) {

  /** Highest weight of one cluster; weights are relative, so 100 reads as percentages. */
  public static final int MAX_WEIGHT = 10_000;
  /** Most rules on one route: they run on every request. */
  public static final int MAX_RULES = 100;

  public TrafficSplitConfig {
    if (weights == null || weights.isEmpty()) {
      throw new SplitConfigException("weights", "name at least one cluster with its weight");
    }
    long total = 0;
    for (Map.Entry<String, Integer> e : weights.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) throw new SplitConfigException("weights", "a cluster name is blank");
      Integer w = e.getValue();
      if (w == null || w < 0 || w > MAX_WEIGHT) {
        throw new SplitConfigException("weights." + e.getKey(), "must be between 0 and " + MAX_WEIGHT + ", is " + w);
      }
      total += w;
    }
    if (total == 0) throw new SplitConfigException("weights", "the weights are all 0; at least one must be positive");
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    rules = rules == null ? List.of() : List.copyOf(rules);
    if (rules.size() > MAX_RULES) throw new SplitConfigException("rules", "at most " + MAX_RULES + " rules");
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) == null) throw new SplitConfigException("rules[" + i + "]", "a rule cannot be empty");
      rules.get(i).check("rules[" + i + "]");
    }
  }

  /** Every cluster named, by the field naming it. */
  public Map<String, String> clustersByField() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String cluster : weights.keySet()) out.put("weights." + cluster, cluster);
    for (int i = 0; i < rules.size(); i++) out.put("rules[" + i + "].cluster", rules.get(i).cluster());
    return out;
  }

  /** Every cluster named, in order of first mention. */
  public Set<String> clusters() {
    return new LinkedHashSet<>(clustersByField().values());
  }

  /** Clusters named here that are not in {@code allowed}, by field. */
  List<String> fieldsOutside(Set<String> allowed) {
    List<String> out = new ArrayList<>();
    clustersByField().forEach((field, cluster) -> {
      if (!allowed.contains(cluster)) out.add(field);
    });
    return out;
  }
}
