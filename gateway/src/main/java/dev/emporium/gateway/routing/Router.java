package dev.emporium.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled route table. Precedence, in order:
 *
 * <ol>
 *   <li>host: routes naming the exact host, then routes with a matching wildcard host (longest
 *       suffix first), then routes without hosts;
 *   <li>path: within a host bucket, exact segments beat parameters, which beat {@code **}; a
 *       longer {@code **} prefix beats a shorter one;
 *   <li>declaration order among routes with the same host and path pattern, the first whose
 *       method, header and query predicates hold.
 * </ol>
 *
 * A lookup falls through to the next bucket when nothing in a bucket matches.
 */
public final class Router<R> {

  private final Map<String, PathTrie<R>> exactHosts;
  private final List<Map.Entry<String, PathTrie<R>>> wildcardHosts;
  private final PathTrie<R> anyHost;

  private Router(Map<String, PathTrie<R>> exactHosts, List<Map.Entry<String, PathTrie<R>>> wildcardHosts, PathTrie<R> anyHost) {
    this.exactHosts = exactHosts;
    this.wildcardHosts = wildcardHosts;
    this.anyHost = anyHost;
  }

  public static <R> Router<R> of(List<RouteDefinition<R>> routes) {
    Map<String, PathTrie<R>> exact = new HashMap<>();
    Map<String, PathTrie<R>> wildcard = new HashMap<>();
    PathTrie<R> any = new PathTrie<>();
    for (RouteDefinition<R> route : routes) {
      if (route.hosts().isEmpty()) {
        any.insert(route);
      }
      for (HostPattern host : route.hosts()) {
        (host.wildcard() ? wildcard : exact).computeIfAbsent(host.host(), h -> new PathTrie<>()).insert(route);
      }
    }
    List<Map.Entry<String, PathTrie<R>>> wildcards = new ArrayList<>(wildcard.entrySet());
    wildcards.sort(Comparator.comparingInt((Map.Entry<String, PathTrie<R>> e) -> e.getKey().length()).reversed());
    return new Router<>(Map.copyOf(exact), List.copyOf(wildcards), any);
  }

  public RouteLookup<R> match(MatchInput input) {
    PathTrie.Search search = new PathTrie.Search(input);
    String host = input.host();
    if (!exactHosts.isEmpty()) {
      PathTrie<R> trie = exactHosts.get(host);
      if (trie != null) {
        RouteLookup<R> found = trie.lookup(search);
        if (found != null) return found;
      }
    }
    for (Map.Entry<String, PathTrie<R>> entry : wildcardHosts) {
      if (host.endsWith(entry.getKey())) {
        RouteLookup<R> found = entry.getValue().lookup(search);
        if (found != null) return found;
      }
    }
    RouteLookup<R> found = anyHost.lookup(search);
    if (found != null) return found;
    if (search.allowedMethods != null) return new RouteLookup.MethodNotAllowed<>(search.allowedMethods);
    return new RouteLookup.NotFound<>();
  }
}
