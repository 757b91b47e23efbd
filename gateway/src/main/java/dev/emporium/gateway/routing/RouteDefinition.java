package dev.emporium.gateway.routing;

import java.util.List;

/**
 * A route as the router sees it: where it matches, and the value returned when it does.
 *
 * @param value what a match returns (the compiled route)
 * @param path the path pattern
 * @param hosts host predicates; empty matches any host
 * @param predicates method, header and query predicates
 */
public record RouteDefinition<R>(R value, PathPattern path, List<HostPattern> hosts, RequestPredicates predicates) {

  public RouteDefinition {
    hosts = List.copyOf(hosts);
  }
}
