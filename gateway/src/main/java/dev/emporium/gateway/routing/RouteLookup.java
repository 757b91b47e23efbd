package dev.emporium.gateway.routing;

import java.util.Map;
import java.util.Set;

/** What the router found for a request. */
public sealed interface RouteLookup<R> {

  /**
   * A route took the request.
   *
   * @param route the matched route's value
   * @param params values of the pattern's named parameters
   * @param remainder what a trailing {@code **} matched, starting with '/' (empty if nothing)
   */
  record Found<R>(R route, Map<String, String> params, String remainder) implements RouteLookup<R> {}

  /** No route's path and predicates matched. */
  record NotFound<R>() implements RouteLookup<R> {}

  /** A route's path matched, but none allows the request's method. */
  record MethodNotAllowed<R>(Set<String> allowed) implements RouteLookup<R> {}
}
