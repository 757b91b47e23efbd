package dev.emporium.gateway.policy.aggregate;

import dev.emporium.gateway.config.ByteSize;
import dev.emporium.gateway.policy.ClusterReferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An aggregation route's settings: the parts it calls and merges into one JSON document.
 *
 * @param parts the parts, by name, in the order their fields appear in the document
 * @param maxParts the most parts allowed; default 16, at most 64
 * @param maxPartBodySize the largest response body read from a part; default 1MiB
 * @param propagateHeaders headers of the request (as it would go upstream) copied to every part;
 *     default Authorization, the identity headers, Accept-Language and the forwarding headers.
 *     The request id and {@code traceparent} always go.
 */
public record AggregateConfig(
    Map<String, PartConfig> parts,
    Integer maxParts,
    ByteSize maxPartBodySize,
    List<String> propagateHeaders) implements ClusterReferences {

  public static final List<String> DEFAULT_PROPAGATED = List.of("Authorization", "X-User-Id", "X-User-Roles",
      "X-Scopes", "Accept-Language", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");

  private static final Pattern PART_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  public AggregateConfig {
    if (parts == null || parts.isEmpty()) throw new IllegalArgumentException("parts: at least one part is needed");
    parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    maxParts = maxParts == null ? 16 : maxParts;
    if (maxParts < 1 || maxParts > 64) throw new IllegalArgumentException("maxParts must be between 1 and 64, is " + maxParts);
    if (parts.size() > maxParts) {
      throw new IllegalArgumentException("parts: " + parts.size() + " parts exceed maxParts " + maxParts);
    }
    maxPartBodySize = maxPartBodySize == null ? ByteSize.ofMebibytes(1) : maxPartBodySize;
    if (maxPartBodySize.bytes() < 1 || maxPartBodySize.bytes() > (64L << 20)) {
      throw new IllegalArgumentException("maxPartBodySize must be between 1B and 64MiB");
    }
    propagateHeaders = propagateHeaders == null ? DEFAULT_PROPAGATED : List.copyOf(propagateHeaders);
    for (Map.Entry<String, PartConfig> e : parts.entrySet()) {
      if (!PART_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("parts." + e.getKey() + ": a part name is a letter, then letters, digits, '_' or '-'");
      }
      if (e.getValue() == null) throw new IllegalArgumentException("parts." + e.getKey() + ": settings are required");
    }
    checkDependencies(parts);
  }

  /** Every part a part must wait for: its {@code dependsOn} and the parts its paths read from. */
  static Set<String> dependenciesOf(PartConfig part) {
    Set<String> deps = new LinkedHashSet<>(part.dependsOn());
    deps.addAll(PathTemplate.parse(part.path()).referencedParts());
    if (part.fallbackCall() != null) deps.addAll(PathTemplate.parse(part.fallbackCall().path()).referencedParts());
    return deps;
  }

  private static void checkDependencies(Map<String, PartConfig> parts) {
    Map<String, Set<String>> graph = new HashMap<>();
    for (Map.Entry<String, PartConfig> e : parts.entrySet()) {
      Set<String> deps = dependenciesOf(e.getValue());
      for (String dep : deps) {
        if (dep.equals(e.getKey())) throw new IllegalArgumentException("parts." + e.getKey() + " depends on itself");
        if (!parts.containsKey(dep)) {
          throw new IllegalArgumentException("parts." + e.getKey() + " depends on unknown part '" + dep + "'");
        }
      }
      graph.put(e.getKey(), deps);
    }
    Set<String> done = new HashSet<>();
    for (String name : parts.keySet()) visit(name, graph, done, new ArrayList<>());
  }

  private static void visit(String name, Map<String, Set<String>> graph, Set<String> done, List<String> path) {
    if (done.contains(name)) return;
    if (path.contains(name)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      throw new IllegalArgumentException("parts depend on each other in a cycle: " + String.join(" -> ", cycle));
    }
    path.add(name);
    for (String dep : graph.get(name)) visit(dep, graph, done, path);
    path.remove(path.size() - 1);
    done.add(name);
  }

  @Override
  public Map<String, String> clusterReferences() {
    Map<String, String> refs = new LinkedHashMap<>();
    parts.forEach((name, part) -> {
      refs.put("parts." + name + ".cluster", part.cluster());
      if (part.fallbackCall() != null) refs.put("parts." + name + ".fallbackCall.cluster", part.fallbackCall().cluster());
    });
    return refs;
  }
}
