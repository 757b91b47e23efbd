package dev.emporium.recommendation.recommend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An answer being filled: rankings are added best first, each contributing only products not
 * already picked or excluded, until the limit is reached.
 */
final class Picks {

  private final int limit;
  private final Set<UUID> excluded;
  private final List<RecommendedItem> items = new ArrayList<>();

  Picks(int limit, Set<UUID> excluded) {
    this.limit = limit;
    this.excluded = new LinkedHashSet<>(excluded);
  }

  /** Adds the products of {@code ranking} that are not there yet, in order, up to the limit. */
  void add(List<Scored> ranking, Reason reason) {
    for (Scored scored : ranking) {
      if (isFull()) {
        return;
      }
      if (excluded.add(scored.product().id())) {
        items.add(new RecommendedItem(scored.product(), scored.score(), reason));
      }
    }
  }

  boolean isFull() {
    return items.size() >= limit;
  }

  int remaining() {
    return limit - items.size();
  }

  /** Products that must not come again: the excluded ones and those picked. */
  Set<UUID> taken() {
    return Set.copyOf(excluded);
  }

  boolean hasAny(Reason reason) {
    return items.stream().anyMatch(item -> item.reason() == reason);
  }

  List<RecommendedItem> items() {
    return List.copyOf(items);
  }
}
