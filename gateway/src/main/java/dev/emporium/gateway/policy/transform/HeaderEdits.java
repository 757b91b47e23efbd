package dev.emporium.gateway.policy.transform;

import io.vertx.core.MultiMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Header changes, applied in a fixed order: {@code remove}, then {@code rename}, then {@code set},
 * then {@code add}. Names compare without regard to case.
 *
 * @param add values appended, keeping any the message already has
 * @param set values that replace every existing value of the name
 * @param remove names removed
 * @param rename names moved to a new name, values kept; any values the new name already had are
 *     removed, even when the old name is absent
 */
public record HeaderEdits(Map<String, String> add, Map<String, String> set, List<String> remove, Map<String, String> rename) {

  public HeaderEdits {
    add = ordered(add);
    set = ordered(set);
    remove = remove == null ? List.of() : List.copyOf(remove);
    rename = ordered(rename);
  }

  static final HeaderEdits NONE = new HeaderEdits(null, null, null, null);

  boolean isEmpty() {
    return add.isEmpty() && set.isEmpty() && remove.isEmpty() && rename.isEmpty();
  }

  void apply(MultiMap headers) {
    for (String name : remove) headers.remove(name);
    for (var e : rename.entrySet()) {
      // The new name ends up holding exactly the old name's values, or nothing: a client can never
      // supply it directly (a verified X-User-Id renamed for a legacy service stays trustworthy).
      List<String> values = headers.getAll(e.getKey());
      headers.remove(e.getKey());
      headers.remove(e.getValue());
      if (!values.isEmpty()) headers.set(e.getValue(), values);
    }
    for (var e : set.entrySet()) headers.set(e.getKey(), e.getValue());
    for (var e : add.entrySet()) headers.add(e.getKey(), e.getValue());
  }

  static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
