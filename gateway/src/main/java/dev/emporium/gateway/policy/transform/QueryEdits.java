package dev.emporium.gateway.policy.transform;

import java.util.List;
import java.util.Map;

/**
 * Query parameter changes, applied in the order {@code remove}, {@code rename}, {@code set},
 * {@code add}. Names and values are written decoded; they are percent-encoded when sent. Parameters
 * that are not named keep their original encoding and order.
 *
 * @param add parameters appended, keeping any of the same name
 * @param set parameters that replace every existing one of the name (appended when absent)
 * @param remove names removed
 * @param rename names changed, values kept
 */
public record QueryEdits(Map<String, String> add, Map<String, String> set, List<String> remove, Map<String, String> rename) {

  public QueryEdits {
    add = HeaderEdits.ordered(add);
    set = HeaderEdits.ordered(set);
    remove = remove == null ? List.of() : List.copyOf(remove);
    rename = HeaderEdits.ordered(rename);
    for (String name : names(add, set, remove, rename)) {
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("request.query: a parameter name cannot be empty");
    }
    for (var e : add.entrySet()) {
      if (e.getValue() == null) throw new IllegalArgumentException("request.query.add." + e.getKey() + ": a value is required");
    }
    for (var e : set.entrySet()) {
      if (e.getValue() == null) throw new IllegalArgumentException("request.query.set." + e.getKey() + ": a value is required");
    }
    for (var e : rename.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new IllegalArgumentException("request.query.rename." + e.getKey() + ": a new name is required");
      }
    }
  }

  private static List<String> names(Map<String, String> add, Map<String, String> set, List<String> remove,
      Map<String, String> rename) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(add.keySet());
    all.addAll(set.keySet());
    all.addAll(remove);
    all.addAll(rename.keySet());
    return all;
  }

  static final QueryEdits NONE = new QueryEdits(null, null, null, null);

  boolean isEmpty() {
    return add.isEmpty() && set.isEmpty() && remove.isEmpty() && rename.isEmpty();
  }

  /** The edited raw query, or null when no parameter is left. */
  String apply(String rawQuery) {
    QueryString query = QueryString.parse(rawQuery);
    for (String name : remove) query.remove(name);
    for (var e : rename.entrySet()) query.rename(e.getKey(), e.getValue());
    for (var e : set.entrySet()) {
      query.remove(e.getKey());
      query.add(e.getKey(), e.getValue());
    }
    for (var e : add.entrySet()) query.add(e.getKey(), e.getValue());
    return query.render();
  }
}
