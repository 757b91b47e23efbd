package dev.emporium.deploy.observability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What rules and dashboards expect of a scrape: the metrics they read and the labels they match on. */
final class ScrapeCheck {

  /** Labels Prometheus adds to every series of a target (prometheus.yml), never the application. */
  static final Set<String> TARGET_LABELS = Set.of("job", "instance", "component", "namespace", "pod");

  private ScrapeCheck() {}

  /** The names of {@code names} that no sample of the scrape carries. */
  static Set<String> missingNames(Collection<String> names, Exposition scrape) {
    Set<String> missing = new TreeSet<>(names);
    missing.removeAll(scrape.names());
    return missing;
  }

  /**
   * Label matchers in {@code exprs} on metrics of the scrape that match a label none of the
   * metric's samples has, or (with {@code values}) an exact value none of them has.
   */
  static List<String> unmatchedLabels(Collection<String> exprs, Exposition scrape, boolean values) {
    List<String> problems = new ArrayList<>();
    for (String expr : exprs) {
      for (PromQl.Matcher m : PromQl.matchers(PromQl.fromGrafana(expr))) {
        if (TARGET_LABELS.contains(m.label()) || !scrape.names().contains(m.metric())) continue;
        boolean labelSeen = scrape.samples().stream()
            .anyMatch(s -> s.name().equals(m.metric()) && s.labels().containsKey(m.label()));
        if (!labelSeen) {
          problems.add(m.metric() + " has no label " + m.label());
        } else if (values && m.op().equals("=") && !scrape.has(m.metric(), Map.of(m.label(), m.value()))) {
          problems.add(m.metric() + " has no sample with " + m.label() + "=\"" + m.value() + "\"");
        }
      }
    }
    return problems;
  }
}
