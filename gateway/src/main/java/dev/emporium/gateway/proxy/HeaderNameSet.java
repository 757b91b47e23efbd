package dev.emporium.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fixed set of header names, compared without regard to case. Every request checks each of its
 * headers against a few of these sets, so a lookup is a length index and at most a couple of
 * region comparisons, without hashing or allocating.
 */
final class HeaderNameSet {

  private final String[][] byLength;

  private HeaderNameSet(String[][] byLength) {
    this.byLength = byLength;
  }

  static HeaderNameSet of(String... names) {
    int longest = 0;
    for (String n : names) longest = Math.max(longest, n.length());
    List<List<String>> buckets = new ArrayList<>();
    for (int i = 0; i <= longest; i++) buckets.add(new ArrayList<>());
    for (String n : names) buckets.get(n.length()).add(n.toLowerCase(Locale.ROOT));
    String[][] byLength = new String[longest + 1][];
    for (int i = 0; i <= longest; i++) byLength[i] = buckets.get(i).toArray(String[]::new);
    return new HeaderNameSet(byLength);
  }

  HeaderNameSet plus(String... more) {
    List<String> all = new ArrayList<>();
    for (String[] bucket : byLength) all.addAll(List.of(bucket));
    all.addAll(List.of(more));
    return of(all.toArray(String[]::new));
  }

  boolean contains(String name) {
    int length = name.length();
    if (length >= byLength.length) return false;
    for (String candidate : byLength[length]) {
      if (candidate.regionMatches(true, 0, name, 0, length)) return true;
    }
    return false;
  }
}
