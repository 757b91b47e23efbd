package dev.emporium.gateway.routing;

import java.util.List;
import java.util.Set;

/**
 * The non-path predicates of a route.
 *
 * @param methods allowed methods; empty allows all
 * @param headers header predicates, all must hold
 * @param query query parameter predicates, all must hold
 */
public record RequestPredicates(Set<String> methods, List<ValueMatcher> headers, List<ValueMatcher> query) {

  public static final RequestPredicates ANY = new RequestPredicates(Set.of(), List.of(), List.of());

  public RequestPredicates {
    methods = Set.copyOf(methods);
    headers = List.copyOf(headers);
    query = List.copyOf(query);
  }

  boolean allowsMethod(String method) {
    return methods.isEmpty() || methods.contains(method);
  }

  boolean headersAndQueryMatch(MatchInput input) {
    for (ValueMatcher h : headers) {
      if (!h.test(input.header(h.name()))) return false;
    }
    for (ValueMatcher q : query) {
      if (!q.test(input.queryParam(q.name()))) return false;
    }
    return true;
  }
}
