package dev.emporium.gateway.policy.traffic;

import dev.emporium.gateway.policy.Exchange;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * A split compiled for the request path: rules with their patterns compiled, cumulative weights,
 * and each possible decision made in advance with its counter, so deciding allocates nothing.
 */
final class SplitTable {

  /** One possible outcome: the cluster, the counter it bumps, and the passport's note. */
  record Decision(String cluster, Counter counter, String detail) {}

  private record Rule(String header, String cookie, String value, Pattern regex, boolean present, Decision decision) {

    boolean matches(Exchange exchange, HttpServerRequest request) {
      String actual;
      if (header != null) {
        // The headers as they go upstream: identity headers a client sent itself are gone, and
        // those an authentication policy earlier in the chain set are there.
        actual = exchange.upstreamHeaders().get(header);
      } else {
        Cookie c = request.getCookie(cookie);
        actual = c == null ? null : c.getValue();
      }
      if (actual == null) return false;
      if (present) return true;
      return value != null ? value.equals(actual) : regex.matcher(actual).matches();
    }
  }

  private final Rule[] rules;
  private final int[] cumulative;
  private final int total;
  private final Decision[] byWeight;
  private final Decision[] bySticky;
  private final StickyConfig sticky;

  /**
   * @param counter the decision counter for a cluster and a reason ({@code rule}, {@code weight},
   *     {@code sticky})
   */
  SplitTable(TrafficSplitConfig config, BiFunction<String, String, Counter> counter) {
    List<Rule> compiled = new ArrayList<>();
    for (int i = 0; i < config.rules().size(); i++) {
      SplitRule r = config.rules().get(i);
      compiled.add(new Rule(r.header(), r.cookie(), r.value(), r.regex() == null ? null : Pattern.compile(r.regex()),
          Boolean.TRUE.equals(r.present()),
          new Decision(r.cluster(), counter.apply(r.cluster(), "rule"), r.cluster() + " by rules[" + i + "]")));
    }
    this.rules = compiled.toArray(Rule[]::new);
    // Clusters of weight 0 are left out, so that no draw can ever land on them.
    List<Map.Entry<String, Integer>> weighted = config.weights().entrySet().stream().filter(e -> e.getValue() > 0)
        .toList();
    this.cumulative = new int[weighted.size()];
    this.byWeight = new Decision[weighted.size()];
    this.bySticky = new Decision[weighted.size()];
    int sum = 0;
    for (int i = 0; i < weighted.size(); i++) {
      String cluster = weighted.get(i).getKey();
      sum += weighted.get(i).getValue();
      cumulative[i] = sum;
      byWeight[i] = new Decision(cluster, counter.apply(cluster, "weight"), cluster + " by weight");
      bySticky[i] = new Decision(cluster, counter.apply(cluster, "sticky"), cluster + " by sticky hash");
    }
    this.total = sum;
    this.sticky = config.sticky();
  }

  Decision decide(Exchange exchange) {
    HttpServerRequest request = exchange.request();
    for (Rule rule : rules) {
      if (rule.matches(exchange, request)) return rule.decision;
    }
    if (sticky != null) {
      String key = stickyKey(exchange, request);
      if (key != null) return bySticky[slot(point(key, total))];
    }
    return byWeight[slot(ThreadLocalRandom.current().nextInt(total))];
  }

  private String stickyKey(Exchange exchange, HttpServerRequest request) {
    if (sticky.header() != null) return exchange.upstreamHeaders().get(sticky.header());
    if (sticky.cookie() != null) {
      Cookie c = request.getCookie(sticky.cookie());
      return c == null ? null : c.getValue();
    }
    return exchange.clientAddress();
  }

  private int slot(int point) {
    int i = 0;
    while (point >= cumulative[i]) i++;
    return i;
  }

  /**
   * Where a key falls in {@code [0, total)}. The key's hash is scaled rather than reduced modulo the
   * total, so a user keeps a fixed position on the line: moving weight from one cluster to its
   * neighbour moves only the users between the old and the new boundary.
   */
  static int point(String key, int total) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    // MurmurHash3's finalizer: FNV-1a alone leaves short keys' high bits poorly mixed.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    double unit = (h >>> 11) * 0x1.0p-53;
    return (int) (unit * total);
  }
}
