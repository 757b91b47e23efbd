package dev.emporium.gateway.config;

import java.util.List;

/**
 * What a request must look like for a route to take it. Every given predicate must hold.
 *
 * @param path a path pattern: exact ({@code /health}), template ({@code /api/orders/{id}}, {@code *}
 *     for one anonymous segment) or prefix ({@code /api/**}, matching {@code /api} and everything
 *     under it); default {@code /**}
 * @param hosts host names, exact or with a leading wildcard ({@code *.example.com}); empty means any
 * @param methods HTTP methods; empty means any
 * @param headers header predicates
 * @param query query parameter predicates
 */
public record MatchConfig(
    String path, List<String> hosts, List<String> methods, List<ValueMatch> headers, List<ValueMatch> query) {

  public MatchConfig {
    path = path == null ? "/**" : path;
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    methods = methods == null ? List.of() : List.copyOf(methods);
    headers = headers == null ? List.of() : List.copyOf(headers);
    query = query == null ? List.of() : List.copyOf(query);
  }
}
