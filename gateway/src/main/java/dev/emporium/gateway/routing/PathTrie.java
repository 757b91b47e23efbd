package dev.emporium.gateway.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routes of one host bucket, arranged by path segment so that a lookup costs the depth of the path,
 * not the number of routes. At each segment a literal child is tried before a parameter, and a
 * {@code **} is tried last, so the most specific pattern wins: exact, then template, then the
 * longest prefix. Routes with the same pattern are tried in declaration order.
 */
final class PathTrie<R> {

  private final Node<R> root = new Node<>();

  private static final class Node<R> {
    final Map<String, Node<R>> literals = new HashMap<>();
    Node<R> param;
    final List<Candidate<R>> exact = new ArrayList<>();
    final List<Candidate<R>> catchAll = new ArrayList<>();
  }

  /** A route at a node, with the names of the parameters captured on the way to it, in order. */
  private record Candidate<R>(R value, RequestPredicates predicates, String[] paramNames) {}

  void insert(RouteDefinition<R> route) {
    Node<R> node = root;
    List<String> names = new ArrayList<>();
    for (PathPattern.Segment segment : route.path().segments()) {
      switch (segment) {
        case PathPattern.Literal literal -> node = node.literals.computeIfAbsent(literal.text(), k -> new Node<>());
        case PathPattern.Param param -> {
          if (node.param == null) node.param = new Node<>();
          node = node.param;
          names.add(param.name());
        }
      }
    }
    Candidate<R> candidate = new Candidate<>(route.value(), route.predicates(), names.toArray(String[]::new));
    (route.path().catchAll() ? node.catchAll : node.exact).add(candidate);
  }

  /** Mutable state of one lookup: captured values, and methods seen on path-matching routes. */
  static final class Search {
    final String path;
    final MatchInput input;
    final String[] captures = new String[16];
    Set<String> allowedMethods;
    boolean anyMethodAllowed;

    Search(MatchInput input) {
      this.input = input;
      this.path = input.path();
    }
  }

  RouteLookup<R> lookup(Search search) {
    return descend(root, 1, 0, search);
  }

  /**
   * @param start index of the current segment's first character, or -1 when all are consumed
   * @param depth number of parameters captured so far
   */
  private RouteLookup<R> descend(Node<R> node, int start, int depth, Search search) {
    String path = search.path;
    if (start < 0) {
      RouteLookup<R> found = pick(node.exact, depth, "", search);
      if (found != null) return found;
    } else {
      int end = path.indexOf('/', start);
      if (end < 0) end = path.length();
      int next = end < path.length() ? end + 1 : -1;
      Node<R> literal = node.literals.get(path.substring(start, end));
      if (literal != null) {
        RouteLookup<R> found = descend(literal, next, depth, search);
        if (found != null) return found;
      }
      if (node.param != null && end > start && depth < search.captures.length) {
        search.captures[depth] = path.substring(start, end);
        RouteLookup<R> found = descend(node.param, next, depth + 1, search);
        if (found != null) return found;
      }
    }
    if (!node.catchAll.isEmpty()) {
      String remainder = start < 0 ? "" : path.substring(start - 1);
      return pick(node.catchAll, depth, remainder, search);
    }
    return null;
  }

  private RouteLookup<R> pick(List<Candidate<R>> candidates, int depth, String remainder, Search search) {
    for (Candidate<R> c : candidates) {
      if (!c.predicates().headersAndQueryMatch(search.input)) continue;
      if (!c.predicates().allowsMethod(search.input.method())) {
        if (search.allowedMethods == null) search.allowedMethods = new TreeSet<>();
        search.allowedMethods.addAll(c.predicates().methods());
        continue;
      }
      return new RouteLookup.Found<>(c.value(), params(c.paramNames(), depth, search), remainder);
    }
    return null;
  }

  private static Map<String, String> params(String[] names, int depth, Search search) {
    if (names.length == 0) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length && i < depth; i++) {
      if (names[i] != null) out.put(names[i], search.captures[i]);
    }
    return out;
  }
}
