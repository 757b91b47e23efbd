package dev.emporium.deploy.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The observability assets under deploy/ as the tests read them: Prometheus rules and Grafana
 * dashboards, with every PromQL expression they hold. Paths are relative to the deploy module,
 * where Maven runs its tests.
 */
final class ObservabilityFiles {

  static final Path PROMETHEUS = Path.of("prometheus").toAbsolutePath();
  static final Path RULES = PROMETHEUS.resolve("rules");
  static final Path RULE_TESTS = PROMETHEUS.resolve("tests");
  static final Path GRAFANA = Path.of("grafana").toAbsolutePath();
  static final Path DASHBOARDS = GRAFANA.resolve("dashboards");
  /** The repository's root, for checks against the code that registers meters. */
  static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  /** A rule: {@code alert} or {@code record} name and its expression. */
  record Rule(Path file, String group, String name, boolean alert, String expr) {}

  /** A PromQL query of a dashboard, as written (Grafana variables included). */
  record Query(Path file, String panel, String expr) {}

  private ObservabilityFiles() {}

  static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> ruleFiles() {
    return files(RULES, ".yml");
  }

  static List<Path> ruleTests() {
    return files(RULE_TESTS, ".test.yml");
  }

  static List<Path> dashboards() {
    return files(DASHBOARDS, ".json");
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (JsonNode group : yaml(file).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          boolean alert = rule.has("alert");
          rules.add(new Rule(file, group.path("name").asText(), rule.path(alert ? "alert" : "record").asText(), alert,
              rule.path("expr").asText()));
        }
      }
    }
    return rules;
  }

  static Set<String> recordedNames() {
    Set<String> names = new TreeSet<>();
    rules().stream().filter(r -> !r.alert()).forEach(r -> names.add(r.name()));
    return names;
  }

  /** Every {@code expr} of every panel (rows and nested panels included) and every query variable. */
  static List<Query> dashboardQueries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : dashboards()) {
      JsonNode dashboard = json(file);
      collectPanels(file, dashboard.path("panels"), queries);
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if ("query".equals(variable.path("type").asText())) {
          String query = variable.path("query").isObject() ? variable.path("query").path("query").asText()
              : variable.path("query").asText();
          queries.add(new Query(file, "variable " + variable.path("name").asText(), variableExpr(query)));
        }
      }
    }
    return queries;
  }

  private static void collectPanels(Path file, JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          queries.add(new Query(file, panel.path("title").asText(), target.path("expr").asText()));
        }
      }
      collectPanels(file, panel.path("panels"), queries);
    }
  }

  /** {@code label_values(metric{...}, label)} reads {@code metric{...}}. */
  private static String variableExpr(String query) {
    String q = query.strip();
    if (q.startsWith("label_values(") && q.endsWith(")")) {
      String inner = q.substring("label_values(".length(), q.length() - 1);
      int comma = inner.lastIndexOf(',');
      return comma < 0 ? inner : inner.substring(0, comma).strip();
    }
    return q;
  }

  /** Every metric name the rules and dashboards read, recorded series excluded. */
  static Set<String> metricsUsed() {
    Set<String> names = new TreeSet<>();
    rules().forEach(r -> names.addAll(PromQl.metricNames(r.expr())));
    dashboardQueries().forEach(q -> names.addAll(PromQl.metricNames(PromQl.fromGrafana(q.expr()))));
    names.removeAll(recordedNames());
    return names;
  }
}
